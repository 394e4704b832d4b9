/**
 * Diagnostics agents: message-driven beans on {@code agentry.tasks} that health probes, benchmarks
 * and black-box tests drive.
 */
package io.agentry.diagnostics.boundary;
