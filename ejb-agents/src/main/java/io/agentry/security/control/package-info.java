/**
 * Users and credentials: password hashing, the user table, the first admin, and bearer tokens
 * checked against the MicroProfile JWT configuration.
 */
package io.agentry.security.control;
