package com.example.shop.common.problem;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

/**
 * What a client can be told about a JSON body the mapper refused: the field, in the
 * notation Bean Validation errors use ({@code lines[0].quantity}), and what that field
 * expects, in words of our own. The parser's messages are never passed on: they name
 * internal classes.
 *
 * @param field the path of the offending field; empty when the body as a whole is wrong
 * @param message what the field expects
 */
record JsonReadFailure(String field, String message) {

	/** Longer field paths (they may echo a client's own field names) are cut. */
	static final int MAX_FIELD_LENGTH = 120;

	/**
	 * The failure behind an unreadable body, if the body was JSON the mapper could parse
	 * but not bind.
	 * @param ex the exception that made the body unreadable
	 * @return the failure, or {@code null} if the body was not valid JSON or the cause is
	 * unknown
	 */
	static @Nullable JsonReadFailure of(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException jackson) {
				return of(jackson);
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

	private static @Nullable JsonReadFailure of(JacksonException ex) {
		String field = path(ex);
		String message = message(ex);
		if (message == null) {
			return null;
		}
		return new JsonReadFailure(field, message);
	}

	private static @Nullable String message(JacksonException ex) {
		if (ex instanceof StreamConstraintsException) {
			return "is nested too deeply or too long";
		}
		if (ex instanceof PropertyBindingException) {
			return "is not a field of this request";
		}
		if (ex instanceof InvalidNullException) {
			return "must not be null";
		}
		if (ex instanceof InputCoercionException) {
			return "is out of range";
		}
		if (ex instanceof MismatchedInputException mismatch) {
			// Also null for a primitive: null is not a whole number either.
			return expected(mismatch.getTargetType());
		}
		return null;
	}

	private static String expected(@Nullable Class<?> type) {
		if (type == null) {
			return "has a value of the wrong type";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class
				|| type == Short.class || type == short.class || type == Byte.class || type == byte.class
				|| type == BigInteger.class) {
			return "must be a whole number";
		}
		if (type == Double.class || type == double.class || type == Float.class || type == float.class
				|| type == BigDecimal.class) {
			return "must be a number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "must be true or false";
		}
		if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
			return "must be a string";
		}
		if (type == UUID.class) {
			return "must be a UUID";
		}
		if (Temporal.class.isAssignableFrom(type)) {
			return "must be a date-time in ISO-8601 format";
		}
		if (type.isEnum()) {
			return "has a value that is not allowed";
		}
		if (type.isArray() || Collection.class.isAssignableFrom(type)) {
			return "must be an array";
		}
		if (Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) {
			return "must be an object";
		}
		return "has a value of the wrong type";
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			String name = reference.getPropertyName();
			if (name != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(name);
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		if (path.length() > MAX_FIELD_LENGTH) {
			path.setLength(MAX_FIELD_LENGTH);
			path.append("...");
		}
		return path.toString();
	}

}
