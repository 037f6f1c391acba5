/**
 * Shared configuration defaults, loaded below everything a service or an operator sets.
 */
@NullMarked
package com.example.shop.common.env;

import org.jspecify.annotations.NullMarked;
