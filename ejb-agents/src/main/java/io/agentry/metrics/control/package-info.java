/**
 * Prometheus metrics: counters and histograms of requests and task outcomes, counted once each where
 * the event commits, and gauges read at scrape time from the sources {@code /api/stats} and the MBeans use.
 */
package io.agentry.metrics.control;
