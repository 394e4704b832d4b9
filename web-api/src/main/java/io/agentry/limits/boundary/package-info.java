/**
 * Bounds on every API request before it is handled: the caller's request rate and the body's size.
 */
package io.agentry.limits.boundary;
