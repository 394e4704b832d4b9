/**
 * The task endpoints under {@code /api/tasks}: submit, read, list, count, trace.
 */
package io.agentry.tasks.boundary;
