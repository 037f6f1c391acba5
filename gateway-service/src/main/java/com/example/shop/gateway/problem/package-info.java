/**
 * Problem (RFC 9457) answers for everything that goes wrong in the gateway itself;
 * problems that services answer pass through untouched.
 */
@NullMarked
package com.example.shop.gateway.problem;

import org.jspecify.annotations.NullMarked;
