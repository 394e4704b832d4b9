/**
 * What keeps agents that misbehave, or clients that ask too much of them, from taking the server
 * down: circuit breakers per agent and per remote endpoint, rate limits per agent, and the gate every
 * task passes at submit and every attempt before its agent gets it.
 */
package io.agentry.resilience.control;
