/**
 * Servlet-level limits every service shares: the largest request body.
 */
@NullMarked
package com.example.shop.common.web;

import org.jspecify.annotations.NullMarked;
