package io.agentry.security.boundary;

import io.agentry.security.entity.User;
import java.time.Instant;
import java.util.List;

/** A user as the API shows it: never with a password or its hash. */
public record UserView(String username, List<String> roles, Instant createdAt, Instant updatedAt) {

    static UserView of(User user) {
        return new UserView(user.username(), user.roles(), user.createdAt(), user.updatedAt());
    }

    /** {@code GET /api/users}. */
    public record Page(List<UserView> users) {
    }

    /** {@code GET /api/users/me}: the caller, with every role they have (those their roles include too). */
    public record Me(String username, List<String> roles) {
    }
}
