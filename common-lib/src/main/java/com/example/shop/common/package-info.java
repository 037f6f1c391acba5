/**
 * Cross-cutting infrastructure shared by every service, as Spring Boot
 * auto-configurations. Holds no domain types: the contract between services is HTTP.
 */
@NullMarked
package com.example.shop.common;

import org.jspecify.annotations.NullMarked;
