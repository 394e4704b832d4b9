/**
 * Routing: which agent runs a task (named, by pattern through the routing rules, or by capability),
 * and the routing rules themselves, loaded from a file at start-up and managed through the API.
 */
package io.agentry.routing.control;
