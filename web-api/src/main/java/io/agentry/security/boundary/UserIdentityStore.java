package io.agentry.security.boundary;

import io.agentry.security.control.Users;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.HashSet;

/** The {@code users} table as Jakarta Security's identity store: name and password give the stored roles. */
@ApplicationScoped
public class UserIdentityStore implements IdentityStore {

    @Inject
    Users users;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        return users.authenticate(credential.getCaller(), credential.getPasswordAsString())
                .map(user -> new CredentialValidationResult(user.username(), new HashSet<>(user.roles())))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
