package io.agentry.tasks.control;

import io.agentry.agents.spi.AgentTask;
import java.time.Duration;

/** What becomes of a delivered task message: its attempt runs, waits (re-sent later) or is not for running. */
public sealed interface Admission {

    /** The attempt is started; here is what the agent needs. */
    record Run(AgentTask task) implements Admission {
    }

    /**
     * The agent cannot take it now: the same attempt is re-sent to arrive after {@code delay}, holding
     * the agent's dispatch token for then when {@code tokenReserved}.
     */
    record Defer(Duration delay, boolean tokenReserved) implements Admission {
    }

    /** Stale (an older attempt, a finished or cancelled task) or parked while its agent is paused: consumed. */
    record Skip() implements Admission {
    }

    Admission SKIP = new Skip();
}
