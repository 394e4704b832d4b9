/**
 * Routing: which agent serves a task pattern.
 */
package io.agentry.routing.control;
