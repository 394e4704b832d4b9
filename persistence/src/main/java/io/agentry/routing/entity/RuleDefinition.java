package io.agentry.routing.entity;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A routing rule as a configuration file or {@code PUT /api/routes/{pattern}} defines it: tasks
 * submitted with {@code pattern} go to {@code targetAgent} and, unless they say otherwise, get
 * {@code timeout} (seconds) and {@code priority} (1-5). The constraints are the limits of every
 * rule, wherever it comes from.
 */
public record RuleDefinition(
        @NotNull @Size(min = 1, max = 100) @Pattern(regexp = NAME, message = NAME_MESSAGE) String pattern,
        @NotNull @Size(min = 1, max = 100) @Pattern(regexp = NAME, message = NAME_MESSAGE) String targetAgent,
        @Min(1) @Max(MAX_TIMEOUT_SECONDS) Integer timeout,
        @Min(1) @Max(5) Integer priority) {

    /** Patterns and agent names: what a task request accepts for them. */
    public static final String NAME = "[A-Za-z0-9][A-Za-z0-9_.:-]*";
    public static final String NAME_MESSAGE = "must be letters, digits, '_', '.', ':' or '-'";
    public static final int MAX_TIMEOUT_SECONDS = 86_400;
}
