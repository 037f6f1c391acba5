/**
 * Tests of what operators run: docker-compose.yml, the Dockerfile and the files beside
 * them. The running stack itself is checked by CI's delivery check (.ci/delivery-check).
 */
@NullMarked
package com.example.shop.system.delivery;

import org.jspecify.annotations.NullMarked;
