/**
 * What the dashboard and the alert rules ask Prometheus, read from their files: every
 * PromQL expression of the Grafana dashboards and of the rule files, in the form a test
 * can send to a running Prometheus.
 */
@NullMarked
package com.example.shop.system.observability;

import org.jspecify.annotations.NullMarked;
