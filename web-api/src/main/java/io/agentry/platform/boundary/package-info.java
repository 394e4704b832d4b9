/**
 * The REST application itself: its root path, its JSON mapping, the translation of every error
 * into {@code application/problem+json}, and its OpenAPI document.
 */
package io.agentry.platform.boundary;
