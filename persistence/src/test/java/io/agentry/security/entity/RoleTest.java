package io.agentry.security.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void eachRoleIncludesTheOnesBelowIt() {
        assertThat(Role.granted(List.of("admin"))).containsExactlyInAnyOrder("admin", "operator", "user");
        assertThat(Role.granted(List.of("operator"))).containsExactlyInAnyOrder("operator", "user");
        assertThat(Role.granted(List.of("user"))).containsExactly("user");
    }

    @Test
    void namesThatAreNoRoleAreDropped() {
        assertThat(Role.granted(List.of("staff", "Admin", "user"))).containsExactly("user");
        assertThat(Role.granted(List.of())).isEmpty();
    }
}
