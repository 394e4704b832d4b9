/**
 * Who may use the API: users with their password hashes and roles, and the roles' order
 * ({@code admin} includes {@code operator}, which includes {@code user}).
 */
package io.agentry.security.entity;
