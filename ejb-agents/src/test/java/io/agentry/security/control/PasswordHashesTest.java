package io.agentry.security.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.glassfish.soteria.identitystores.hash.Pbkdf2PasswordHashImpl;
import org.junit.jupiter.api.Test;

class PasswordHashesTest {

    private final PasswordHashes hashes = new PasswordHashes(new Pbkdf2PasswordHashImpl(), 1024);

    @Test
    void aHashIsSaltedNamesItsSettingsAndVerifiesOnlyItsPassword() {
        String first = hashes.hash("correct horse");
        String second = hashes.hash("correct horse");
        assertThat(first).startsWith("PBKDF2WithHmacSHA512:1024:").doesNotContain("correct horse").isNotEqualTo(second);
        assertThat(hashes.verify("correct horse", first)).isTrue();
        assertThat(hashes.verify("correct horse", second)).isTrue();
        assertThat(hashes.verify("correct hors", first)).isFalse();
        assertThat(hashes.verify("Correct horse", first)).isFalse();
    }

    @Test
    void aRememberedPasswordDoesNotVerifyAgainstAnotherHash() {
        String old = hashes.hash("first password");
        assertThat(hashes.verify("first password", old)).isTrue();
        String changed = hashes.hash("second password");
        assertThat(hashes.verify("first password", changed)).isFalse();
        assertThat(hashes.verify("first password", old)).isTrue();
    }

    @Test
    void hashesMadeWithOtherIterationsStillVerify() {
        String stronger = new PasswordHashes(new Pbkdf2PasswordHashImpl(), 2000).hash("long enough");
        assertThat(hashes.verify("long enough", stronger)).isTrue();
    }

    @Test
    void passwordsOutsideThePolicyHaveAProblem() {
        assertThat(PasswordHashes.problem(null)).isNotNull();
        assertThat(PasswordHashes.problem("short")).isNotNull();
        assertThat(PasswordHashes.problem("        ")).isNotNull();
        assertThat(PasswordHashes.problem("x".repeat(201))).isNotNull();
        assertThat(PasswordHashes.problem("eight ch")).isNull();
    }
}
