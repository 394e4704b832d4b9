package io.agentry.admin.boundary;

/** {@code agentry:type=Agent,name=<agent>}: one active agent's state and stats; pause, resume, breaker, rate. */
public interface AgentMXBean {

    String getName();

    /** {@code mdb} (runs in this server) or {@code http} (remote). */
    String getType();

    /** {@code active} or {@code paused}. */
    String getState();

    boolean isHealthy();

    long getInFlight();

    /** Tasks completed. */
    long getProcessed();

    /** Tasks failed or dead. */
    long getFailed();

    /** Average run time of its completed tasks in seconds; null before the first. */
    Double getAverageTimeSeconds();

    /** {@code closed}, {@code open} or {@code half_open}. */
    String getCircuitBreaker();

    /** Null when it has no rate limit. */
    Integer getRatePerMinute();

    /** Null when it has no rate limit. */
    Integer getBurst();

    /** Its tasks wait in status {@code paused} until it is resumed; returns the new state. */
    String pause();

    /** Queues its parked tasks again; returns the new state. */
    String resume();

    /** Closes its circuit breakers (its own and its endpoints'); returns the breaker's state. */
    String resetCircuitBreaker();

    void setRateLimit(int ratePerMinute, int burst);

    void removeRateLimit();
}
