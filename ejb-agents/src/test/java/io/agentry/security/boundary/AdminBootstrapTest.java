package io.agentry.security.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdminBootstrapTest {

    @Test
    void theConfiguredPasswordIsUsedAndNotShown() {
        AdminBootstrap.InitialPassword initial = AdminBootstrap.initialPassword(Optional.of("from-the-env"),
                new SecureRandom());
        assertThat(initial.password()).isEqualTo("from-the-env");
        assertThat(initial.generated()).isFalse();
    }

    @Test
    void withoutOneAFreshRandomPasswordIsMadeUpAndShown() {
        Set<String> passwords = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            AdminBootstrap.InitialPassword initial = AdminBootstrap.initialPassword(Optional.empty(), new SecureRandom());
            assertThat(initial.generated()).isTrue();
            assertThat(initial.password()).hasSize(24).matches("[A-Za-z0-9_-]+");
            passwords.add(initial.password());
        }
        assertThat(passwords).hasSize(100);
    }

    @Test
    void aConfiguredPasswordOutsideThePolicyStopsTheStart() {
        assertThatThrownBy(() -> AdminBootstrap.initialPassword(Optional.of("short"), new SecureRandom()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("AGENTRY_ADMIN_PASSWORD")
                .hasMessageNotContaining("short\"");
    }
}
