/**
 * Lifecycle events: each change is recorded in the {@code task_events} trace and published on the
 * {@code agentry.events} topic in the transaction that makes it.
 */
package io.agentry.events.control;
