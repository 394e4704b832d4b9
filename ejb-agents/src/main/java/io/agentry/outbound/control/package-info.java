/**
 * Where the server may send requests of its own (remote agents, their health checks, webhooks): the
 * rule against server-side request forgery, applied when a URL is given and again when connecting.
 */
package io.agentry.outbound.control;
