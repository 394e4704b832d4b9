/**
 * What an agent remembers for one user: keyed values with a kind and an optional time to live, as
 * stored in {@code agent_memory}.
 */
package io.agentry.memory.entity;
