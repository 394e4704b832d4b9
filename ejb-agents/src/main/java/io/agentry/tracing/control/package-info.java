/**
 * Tracing (MicroProfile Telemetry): the spans of a task's way through the queue and to its agent,
 * and the W3C trace context that ties them into one trace across the broker and remote agents.
 */
package io.agentry.tracing.control;
