package io.agentry.agents.control;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * What an operator says an agent is: for a remote agent its endpoints (URL to weight) too. Agents
 * that run in this server take only the settings.
 */
public record AgentSpec(String description, List<String> capabilities, Map<URI, Integer> endpoints,
        AgentSettings settings) {
}
