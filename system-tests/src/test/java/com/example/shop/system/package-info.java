/**
 * Tests across services: the packaged jars run as separate processes and talk real HTTP,
 * with real tokens from auth-service and real PostgreSQL databases.
 */
@NullMarked
package com.example.shop.system;

import org.jspecify.annotations.NullMarked;
