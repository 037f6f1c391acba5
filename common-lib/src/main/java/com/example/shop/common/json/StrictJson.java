package com.example.shop.common.json;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The rules every request body of every service is read with: a value is taken only as
 * the JSON type the field declares. Unknown fields, a fraction or a string where a whole
 * number is expected, a number or a boolean where a string is expected, {@code null} for
 * a primitive, a property given twice and anything after the value all fail, so that the
 * client learns of its mistake instead of having its request silently changed (a quantity
 * of {@code 1.9} stored as 1, a {@code status} field ignored).
 */
public final class StrictJson {

	private StrictJson() {
	}

	/**
	 * Applies the strict reading rules to a mapper builder; writing is left as it is.
	 * @param builder the builder, typically {@code jsonMapper.rebuild()}
	 * @return the same builder
	 */
	public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
		return builder
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
					DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
					DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
					DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS,
					DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT,
					DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.withCoercionConfig(LogicalType.Integer,
					(config) -> failFrom(config, CoercionInputShape.Float, CoercionInputShape.String,
							CoercionInputShape.Boolean, CoercionInputShape.EmptyString))
			.withCoercionConfig(LogicalType.Float,
					(config) -> failFrom(config, CoercionInputShape.String, CoercionInputShape.Boolean,
							CoercionInputShape.EmptyString))
			.withCoercionConfig(LogicalType.Boolean,
					(config) -> failFrom(config, CoercionInputShape.Integer, CoercionInputShape.Float,
							CoercionInputShape.String, CoercionInputShape.EmptyString))
			.withCoercionConfig(LogicalType.Textual, (config) -> failFrom(config, CoercionInputShape.Integer,
					CoercionInputShape.Float, CoercionInputShape.Boolean));
	}

	private static void failFrom(tools.jackson.databind.cfg.MutableCoercionConfig config,
			CoercionInputShape... shapes) {
		for (CoercionInputShape shape : shapes) {
			config.setCoercion(shape, CoercionAction.Fail);
		}
	}

}
