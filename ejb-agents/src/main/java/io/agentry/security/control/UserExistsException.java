package io.agentry.security.control;

import io.agentry.platform.control.ConflictException;

/** A user with this name exists already (409). */
public class UserExistsException extends ConflictException {

    public UserExistsException(String username) {
        super("User '" + username + "' already exists");
    }
}
