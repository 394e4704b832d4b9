package io.agentry.security.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Someone who may call the API: a unique name, a password hash (never the password) and roles.
 */
@Entity
@Table(name = "users")
@NamedQuery(name = User.BY_NAME, query = "select u from User u where u.username = :username")
@NamedQuery(name = User.ALL, query = "select u from User u order by u.username")
public class User {

    public static final String BY_NAME = "User.byName";
    public static final String ALL = "User.all";

    /** Letters, digits and {@code . _ @ -}: safe in logs, URLs and a Basic header (no colon). */
    public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");

    @Id
    private UUID id;

    @Column(nullable = false, length = 100, unique = true)
    private String username;

    @Column(name = "password_hash", nullable = false, length = 500)
    private String passwordHash;

    /** Role names, comma-separated. */
    @Column(nullable = false, length = 200)
    private String roles;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected User() {
    }

    public User(String username, String passwordHash, Set<Role> roles, Instant now) {
        if (!USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("A username is 1 to 100 letters, digits, '.', '_', '@' or '-'");
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("A user needs at least one role");
        }
        this.id = UUID.randomUUID();
        this.username = username;
        this.passwordHash = passwordHash;
        this.roles = roles.stream().sorted().map(Role::apiName).collect(Collectors.joining(","));
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void changePasswordHash(String newHash, Instant now) {
        this.passwordHash = newHash;
        this.updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    /** The roles as stored (not expanded; see {@link Role#granted}). */
    public List<String> roles() {
        return Arrays.stream(roles.split(",")).filter(r -> !r.isBlank()).toList();
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
