package io.agentry.agents.spi;

import java.util.List;

/**
 * Thrown by an agent's {@code process} to hand work to subtasks: the task waits, its thread is
 * released, and when the last subtask ends the agent is called again for the same attempt, with
 * {@link AgentTask#subtasks()} holding their outcomes. Create it with
 * {@link AgentBean#waitFor(List)}.
 */
public class AwaitSubtasks extends Exception {

    private final transient List<Subtask> subtasks;

    AwaitSubtasks(List<Subtask> subtasks) {
        super(null, null, false, false);
        if (subtasks == null || subtasks.isEmpty()) {
            throw new IllegalArgumentException("An agent waits for at least one subtask");
        }
        this.subtasks = List.copyOf(subtasks);
    }

    public List<Subtask> subtasks() {
        return subtasks;
    }
}
