package io.agentry.memory.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoriesTest {

    @Test
    void noPrefixMatchesEveryKey() {
        assertThat(Memories.likePrefix(null)).isEqualTo("%");
    }

    @Test
    void wildcardsInAPrefixAreTakenLiterally() {
        assertThat(Memories.likePrefix("50%_off!")).isEqualTo("50!%!_off!!%");
    }
}
