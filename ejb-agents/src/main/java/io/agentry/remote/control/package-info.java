/**
 * Remote HTTP agents: calling one of an agent's endpoints for a task attempt, spreading calls over
 * the endpoints (round robin, least connections, weighted) and checking their health.
 */
package io.agentry.remote.control;
