/**
 * The REST application itself: its root path, its JSON mapping, and the translation of every error
 * into {@code application/problem+json}.
 */
package io.agentry.platform.boundary;
