/**
 * The task lifecycle: submission (persist and enqueue in one transaction), execution of an attempt,
 * retries with backoff, dead-lettering, and the queries behind the task API.
 */
package io.agentry.tasks.control;
