/**
 * Limits on what one caller may ask of the API: the per-user request rate.
 */
package io.agentry.limits.control;
