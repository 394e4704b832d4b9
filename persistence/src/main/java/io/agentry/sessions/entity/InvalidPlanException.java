package io.agentry.sessions.entity;

/**
 * A plan that cannot run, with the step at fault when there is one.
 */
public class InvalidPlanException extends IllegalArgumentException {

    private final String stepId;

    public InvalidPlanException(String stepId, String message) {
        super(message);
        this.stepId = stepId;
    }

    /** The offending step, or {@code null} when the fault is the plan's as a whole. */
    public String stepId() {
        return stepId;
    }
}
