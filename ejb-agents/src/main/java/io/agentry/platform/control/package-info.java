/**
 * What every component shares: the JSON mapping of the API and the clock.
 */
package io.agentry.platform.control;
