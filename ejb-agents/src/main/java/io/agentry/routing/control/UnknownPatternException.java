package io.agentry.routing.control;

/**
 * No routing rule names a target for this pattern.
 */
@jakarta.ejb.ApplicationException(rollback = true)
public class UnknownPatternException extends RuntimeException {

    private final String pattern;

    public UnknownPatternException(String pattern) {
        super("Unknown pattern '" + pattern + "'");
        this.pattern = pattern;
    }

    public String pattern() {
        return pattern;
    }
}
