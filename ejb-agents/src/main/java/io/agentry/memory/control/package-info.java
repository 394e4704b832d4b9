/**
 * Agent memory: one user's remembered values per agent, read, written, listed and forgotten, and
 * expired entries swept away.
 */
package io.agentry.memory.control;
