package io.agentry.routing.control;

/**
 * No routing rule names a target for this pattern.
 */
public class UnknownPatternException extends UnroutableTaskException {

    public UnknownPatternException(String pattern) {
        super("Unknown pattern '" + pattern + "'");
    }
}
