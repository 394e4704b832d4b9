/**
 * {@code /api/agents/{name}/memory}: the calling user's memory of one agent over HTTP.
 */
package io.agentry.memory.boundary;
