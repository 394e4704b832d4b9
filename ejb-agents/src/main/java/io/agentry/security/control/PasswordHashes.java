package io.agentry.security.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Password hashes through Jakarta Security's {@link Pbkdf2PasswordHash} (PBKDF2 with HMAC-SHA512).
 * The stored form names algorithm and iterations, so hashes made with other settings still verify.
 * <p>
 * PBKDF2 is slow on purpose (about 0.1 s), and scripts send Basic credentials with every request;
 * so a verified password is remembered as a SHA-256 of the stored hash with the password. A changed
 * password has a new stored hash, which no remembered entry matches.
 */
@ApplicationScoped
public class PasswordHashes {

    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 200;
    private static final int REMEMBERED = 10_000;

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    @Inject
    @ConfigProperty(name = "agentry.security.pbkdf2-iterations", defaultValue = "210000")
    int iterations;

    private final Set<String> verified = ConcurrentHashMap.newKeySet();

    protected PasswordHashes() {
    }

    /** Outside a container (tests). */
    PasswordHashes(Pbkdf2PasswordHash pbkdf2, int iterations) {
        this.pbkdf2 = pbkdf2;
        this.iterations = iterations;
        initialize();
    }

    @PostConstruct
    void initialize() {
        pbkdf2.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
                "Pbkdf2PasswordHash.Iterations", Integer.toString(iterations),
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "64"));
    }

    /** What is wrong with a password as a new one (too short, too long, blank), or {@code null}. */
    public static String problem(String password) {
        if (password == null || password.isBlank() || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            return "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters, not all blank";
        }
        return null;
    }

    public String hash(String password) {
        return pbkdf2.generate(password.toCharArray());
    }

    public boolean verify(String password, String storedHash) {
        String key = digest(storedHash + '\u0000' + password);
        if (verified.contains(key)) {
            return true;
        }
        boolean valid = pbkdf2.verify(password.toCharArray(), storedHash);
        if (valid) {
            if (verified.size() >= REMEMBERED) {
                verified.clear();
            }
            verified.add(key);
        }
        return valid;
    }

    private static String digest(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
