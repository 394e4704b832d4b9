/**
 * Timers that move work no request or message will: sessions past their deadline.
 */
package io.agentry.watchdog.boundary;
