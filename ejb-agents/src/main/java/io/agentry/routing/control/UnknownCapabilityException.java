package io.agentry.routing.control;

/**
 * A task asks for a capability that no active agent has.
 */
public class UnknownCapabilityException extends UnroutableTaskException {

    public UnknownCapabilityException(String capability) {
        super("No agent has capability '" + capability + "'");
    }
}
