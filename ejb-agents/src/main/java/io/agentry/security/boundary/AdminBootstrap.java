package io.agentry.security.boundary;

import io.agentry.security.control.PasswordHashes;
import io.agentry.security.control.Users;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * On a start with no users, creates {@value #ADMIN} with the password from
 * {@code agentry.admin.password} ({@code AGENTRY_ADMIN_PASSWORD}), or with a random one written
 * once to the log. There is no built-in default password. Instances that start at once on one
 * database create one admin between them, and only the one that did logs the password.
 */
@Singleton
@Startup
public class AdminBootstrap {

    static final String ADMIN = "admin";
    private static final int RANDOM_BYTES = 18;
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

    @Inject
    Users users;

    @Inject
    @ConfigProperty(name = "agentry.admin.password")
    Optional<String> configuredPassword;

    /** The first admin's password, and whether it was made up here (and must be shown). */
    record InitialPassword(String password, boolean generated) {
    }

    @PostConstruct
    void createFirstAdmin() {
        if (users.anyExist()) {
            return;
        }
        InitialPassword initial = initialPassword(configuredPassword, new SecureRandom());
        if (!users.createFirstAdmin(ADMIN, initial.password())) {
            return;
        }
        if (initial.generated()) {
            LOG.warning("No users existed: created user '" + ADMIN + "' with the generated password "
                    + initial.password() + " (shown this once; set AGENTRY_ADMIN_PASSWORD to choose it, and change "
                    + "it with PUT /api/users/me/password)");
        } else {
            LOG.info("No users existed: created user '" + ADMIN + "' with the password of AGENTRY_ADMIN_PASSWORD");
        }
    }

    /** The configured password when there is one (it must pass the password rules), else a random one. */
    static InitialPassword initialPassword(Optional<String> configured, SecureRandom random) {
        if (configured.isPresent()) {
            String problem = PasswordHashes.problem(configured.get());
            if (problem != null) {
                throw new IllegalStateException("AGENTRY_ADMIN_PASSWORD (agentry.admin.password) " + problem);
            }
            return new InitialPassword(configured.get(), false);
        }
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return new InitialPassword(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), true);
    }
}
