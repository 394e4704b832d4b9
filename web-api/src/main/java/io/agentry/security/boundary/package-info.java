/**
 * Authentication and the caller: one Jakarta Security mechanism (HTTP Basic, bearer JWTs, the
 * login page's session) over the user table, the user API, and who may see what.
 */
package io.agentry.security.boundary;
