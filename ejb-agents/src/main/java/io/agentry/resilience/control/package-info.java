/**
 * What keeps agents that misbehave from taking the server down: circuit breakers per agent and per
 * remote endpoint, and the gate every task attempt passes before its agent gets it.
 */
package io.agentry.resilience.control;
