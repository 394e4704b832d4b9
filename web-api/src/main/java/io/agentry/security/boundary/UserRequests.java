package io.agentry.security.boundary;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Bodies of the user API. Passwords come in and are never sent back. */
public final class UserRequests {

    private UserRequests() {
    }

    /** {@code POST /api/users}. */
    public record NewUser(
            @NotNull(message = "is required") @Pattern(regexp = "[A-Za-z0-9._@-]{1,100}",
                    message = "must be 1 to 100 letters, digits, '.', '_', '@' or '-'") String username,
            @NotNull(message = "is required") @Size(min = 8, max = 200, message = "must be 8 to 200 characters")
            String password,
            @NotEmpty(message = "must name at least one of user, operator, admin")
            List<@NotNull @Pattern(regexp = "user|operator|admin", message = "must be user, operator or admin")
                    String> roles) {
    }

    /** {@code PUT /api/users/me/password}. */
    public record PasswordChange(
            @NotNull(message = "is required") String currentPassword,
            @NotNull(message = "is required") @Size(min = 8, max = 200, message = "must be 8 to 200 characters")
            String newPassword) {
    }
}
