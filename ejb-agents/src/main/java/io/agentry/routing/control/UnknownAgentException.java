package io.agentry.routing.control;

/**
 * A task names an agent that is not registered (or not active).
 */
public class UnknownAgentException extends UnroutableTaskException {

    public UnknownAgentException(String agent) {
        super("Unknown agent '" + agent + "'");
    }
}
