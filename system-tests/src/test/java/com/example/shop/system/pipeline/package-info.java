/**
 * Tests of the delivery pipeline: the Jenkinsfile, dry-run with recording stub steps, and
 * the ci/ scripts it calls, run for real.
 */
@NullMarked
package com.example.shop.system.pipeline;

import org.jspecify.annotations.NullMarked;
