package io.agentry.routing.control;

/**
 * The routing file cannot be used: unreadable, not YAML or JSON, or a rule in it breaks the limits
 * of a rule. The message names the file and the problem; start-up stops on it.
 */
public class InvalidRoutingFileException extends RuntimeException {

    public InvalidRoutingFileException(String source, String problem) {
        super("Routing file " + source + ": " + problem);
    }

    public InvalidRoutingFileException(String source, String problem, Throwable cause) {
        super("Routing file " + source + ": " + problem, cause);
    }
}
