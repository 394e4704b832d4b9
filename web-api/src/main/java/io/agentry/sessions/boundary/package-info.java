/**
 * The session endpoints under {@code /api/sessions}: submit a plan, follow it, cancel it, read its
 * agents' messages.
 */
package io.agentry.sessions.boundary;
