package io.agentry.agents.control;

import io.agentry.agents.spi.AgentDefinition;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects every {@link AgentDefinition} in the deployment while CDI scans it, so that adding an
 * agent bean is all it takes to register an agent.
 */
public class AgentCatalog implements Extension {

    private final List<AgentDefinition> definitions = new CopyOnWriteArrayList<>();

    void collect(@Observes @WithAnnotations(AgentDefinition.class) ProcessAnnotatedType<?> type) {
        AgentDefinition definition = type.getAnnotatedType().getAnnotation(AgentDefinition.class);
        if (definition != null && definitions.stream().noneMatch(d -> d.name().equals(definition.name()))) {
            definitions.add(definition);
        }
    }

    public List<AgentDefinition> definitions() {
        return List.copyOf(definitions);
    }
}
