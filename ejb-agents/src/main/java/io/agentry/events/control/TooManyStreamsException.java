package io.agentry.events.control;

/**
 * This server already serves as many event streams as it is configured for
 * ({@code agentry.streams.max-clients}); the client should try again later.
 */
public class TooManyStreamsException extends RuntimeException {

    public TooManyStreamsException(int limit) {
        super("This server already serves " + limit + " event streams; try again shortly");
    }
}
