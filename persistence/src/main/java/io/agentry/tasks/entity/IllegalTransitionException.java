package io.agentry.tasks.entity;

/**
 * A task was asked to move to a state its current state does not lead to.
 */
public class IllegalTransitionException extends IllegalStateException {

    private final TaskStatus from;
    private final TaskStatus to;

    public IllegalTransitionException(TaskStatus from, TaskStatus to) {
        super("A task that is " + from.apiName() + " cannot become " + to.apiName());
        this.from = from;
        this.to = to;
    }

    public TaskStatus from() {
        return from;
    }

    public TaskStatus to() {
        return to;
    }
}
