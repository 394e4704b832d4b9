/**
 * The events component's edges on the web: the task and session event streams (SSE, NDJSON,
 * WebSocket) and the session trace export; its message consumers live in the EJB module.
 */
package io.agentry.events.boundary;
