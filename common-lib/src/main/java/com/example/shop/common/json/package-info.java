/**
 * Strict reading of JSON request bodies: no unknown fields, no coercion between JSON
 * types.
 */
@NullMarked
package com.example.shop.common.json;

import org.jspecify.annotations.NullMarked;
