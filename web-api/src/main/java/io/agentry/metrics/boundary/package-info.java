/**
 * {@code /metrics} in Prometheus text (or OpenMetrics, when asked for), and the filter that counts and
 * times every API request by route template.
 */
package io.agentry.metrics.boundary;
