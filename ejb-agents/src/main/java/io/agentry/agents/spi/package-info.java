/**
 * The agent SPI: extend {@link io.agentry.agents.spi.AgentBean}, declare it with
 * {@link io.agentry.agents.spi.AgentDefinition}, and implement {@code validate} and {@code process};
 * the base bean owns the task lifecycle around them.
 */
package io.agentry.agents.spi;
