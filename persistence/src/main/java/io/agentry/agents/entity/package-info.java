/**
 * Agents as registered in the {@code agents} table: name, kind, capabilities and configuration.
 */
package io.agentry.agents.entity;
