/**
 * Which agents exist: the catalog of agent beans found at deployment and the registry that keeps
 * the {@code agents} table in step with it.
 */
package io.agentry.agents.control;
