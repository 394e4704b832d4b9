package io.agentry.security.control;

import io.agentry.platform.control.Timestamps;
import io.agentry.security.entity.Role;
import io.agentry.security.entity.User;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.query.NativeQuery;

/**
 * The user table: checks credentials, adds users, changes passwords, and creates the first admin.
 * Passwords only pass through: what is stored is their hash.
 */
@Stateless
public class Users {

    /** Only when no user exists; on PostgreSQL two instances starting at once insert one row. */
    private static final String FIRST_USER = "INSERT INTO users (id, username, password_hash, roles, created_at, "
            + "updated_at, version) SELECT ?1, ?2, ?3, ?4, ?5, ?6, 0 WHERE NOT EXISTS (SELECT 1 FROM users)";
    private static final String ON_CONFLICT = " ON CONFLICT (username) DO NOTHING";

    @PersistenceContext(unitName = "agentry")
    EntityManager em;

    @Inject
    PasswordHashes hashes;

    public Optional<User> find(String username) {
        return em.createNamedQuery(User.BY_NAME, User.class).setParameter("username", username)
                .getResultList().stream().findFirst();
    }

    /** The user, when the password is theirs. */
    public Optional<User> authenticate(String username, String password) {
        if (username == null || password == null || !User.USERNAME.matcher(username).matches()) {
            return Optional.empty();
        }
        return find(username).filter(user -> hashes.verify(password, user.passwordHash()));
    }

    public List<User> all() {
        return em.createNamedQuery(User.ALL, User.class).getResultList();
    }

    /** Name, password and roles are checked by the caller; a name that is taken is a conflict. */
    public User create(String username, String password, Set<Role> roles) {
        if (find(username).isPresent()) {
            throw new UserExistsException(username);
        }
        User user = new User(username, hashes.hash(password), roles, Timestamps.now());
        em.persist(user);
        return user;
    }

    /** False when the current password is wrong. */
    public boolean changePassword(String username, String currentPassword, String newPassword) {
        Optional<User> user = authenticate(username, currentPassword);
        user.ifPresent(u -> u.changePasswordHash(hashes.hash(newPassword), Timestamps.now()));
        return user.isPresent();
    }

    /** Creates {@code admin} with the password when there is no user at all; true when this call did. */
    public boolean createFirstAdmin(String username, String password) {
        Instant now = Timestamps.now();
        User admin = new User(username, hashes.hash(password), Set.of(Role.ADMIN), now);
        return em.createNativeQuery(isPostgresql() ? FIRST_USER + ON_CONFLICT : FIRST_USER)
                .unwrap(NativeQuery.class)
                .setParameter(1, admin.id(), java.util.UUID.class)
                .setParameter(2, admin.username(), String.class)
                .setParameter(3, admin.passwordHash(), String.class)
                .setParameter(4, String.join(",", admin.roles()), String.class)
                .setParameter(5, now, Instant.class)
                .setParameter(6, now, Instant.class)
                .executeUpdate() == 1;
    }

    public boolean anyExist() {
        return em.createQuery("select count(u) from User u", Long.class).getSingleResult() > 0;
    }

    private boolean isPostgresql() {
        return em.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices()
                .getDialect() instanceof PostgreSQLDialect;
    }
}
