/**
 * Plans in motion: checking a plan, starting its session, dispatching steps as their dependencies
 * complete, failing over to the fallback plan, deadlines, cancellation, and the messages agents
 * of a session send each other.
 */
package io.agentry.sessions.control;
