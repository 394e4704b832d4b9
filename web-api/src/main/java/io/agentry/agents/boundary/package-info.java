/**
 * The agent endpoints under {@code /api/agents}.
 */
package io.agentry.agents.boundary;
