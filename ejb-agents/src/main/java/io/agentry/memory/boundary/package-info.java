/**
 * The timer that deletes expired memory entries.
 */
package io.agentry.memory.boundary;
