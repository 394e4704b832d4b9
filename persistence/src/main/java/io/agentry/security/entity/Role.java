package io.agentry.security.entity;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The roles of the API, each including the ones below it: an {@code admin} may do what an
 * {@code operator} may, who may do what a {@code user} may.
 */
public enum Role {
    USER,
    OPERATOR,
    ADMIN;

    public static final String USER_NAME = "user";
    public static final String OPERATOR_NAME = "operator";
    public static final String ADMIN_NAME = "admin";

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromApiName(String name) {
        return Arrays.stream(values()).filter(r -> r.apiName().equals(name)).findFirst();
    }

    /**
     * The roles the container is told about for the given ones: each with every role below it, so
     * an endpoint names the least role it needs. Names that are no role (a token's other groups) are dropped.
     */
    public static Set<String> granted(Iterable<String> names) {
        Set<String> granted = new LinkedHashSet<>();
        for (String name : names) {
            fromApiName(name).ifPresent(role -> {
                for (Role r : values()) {
                    if (r.ordinal() <= role.ordinal()) {
                        granted.add(r.apiName());
                    }
                }
            });
        }
        return granted;
    }
}
