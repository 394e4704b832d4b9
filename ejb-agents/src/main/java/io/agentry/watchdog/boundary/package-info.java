/**
 * Timers that move work no request or message will: sessions and tasks past their deadline, and
 * attempts whose worker was lost.
 */
package io.agentry.watchdog.boundary;
