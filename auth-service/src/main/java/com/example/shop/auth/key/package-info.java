/**
 * The RSA key that signs every token, read from (or, for local runs, created in) a PEM
 * file so that tokens survive restarts and every instance signs with the same key.
 */
@NullMarked
package com.example.shop.auth.key;

import org.jspecify.annotations.NullMarked;
