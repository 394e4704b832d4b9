package io.agentry.memory.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MemoryEntryTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void aClaimedRowHoldsNoValueUntilWritten() {
        assertThat(new MemoryEntry().isLiveAt(T0)).isFalse();
    }

    @Test
    void aValueWithATimeToLiveExpiresExactlyThen() {
        MemoryEntry entry = new MemoryEntry();
        entry.write("1", MemoryType.SHORT_TERM, Duration.ofSeconds(30), T0);

        assertThat(entry.expiresAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(entry.isLiveAt(T0.plusSeconds(29))).isTrue();
        assertThat(entry.isLiveAt(T0.plusSeconds(30))).isFalse();
    }

    @Test
    void overwritingALiveEntryKeepsItsHistoryAndDropsAnOldTimeToLive() {
        MemoryEntry entry = new MemoryEntry();
        entry.write("1", MemoryType.SHORT_TERM, Duration.ofSeconds(30), T0);
        entry.read(T0.plusSeconds(1));
        entry.write("2", MemoryType.LONG_TERM, null, T0.plusSeconds(2));

        assertThat(entry.createdAt()).isEqualTo(T0);
        assertThat(entry.accessCount()).isEqualTo(1);
        assertThat(entry.expiresAt()).isNull();
        assertThat(entry.type()).isEqualTo(MemoryType.LONG_TERM);
        assertThat(entry.valueJson()).isEqualTo("2");
    }

    @Test
    void writingOverAnExpiredEntryStartsANewMemory() {
        MemoryEntry entry = new MemoryEntry();
        entry.write("1", MemoryType.SHORT_TERM, Duration.ofSeconds(1), T0);
        entry.read(T0);
        entry.write("2", MemoryType.EPISODIC, null, T0.plusSeconds(5));

        assertThat(entry.createdAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(entry.accessCount()).isZero();
        assertThat(entry.accessedAt()).isNull();
    }

    @Test
    void everyReadIsCounted() {
        MemoryEntry entry = new MemoryEntry();
        entry.write("1", MemoryType.LONG_TERM, null, T0);
        entry.read(T0.plusSeconds(1));
        entry.read(T0.plusSeconds(2));

        assertThat(entry.accessCount()).isEqualTo(2);
        assertThat(entry.accessedAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void typesRoundTripThroughTheirApiNames() {
        for (MemoryType type : MemoryType.values()) {
            assertThat(MemoryType.fromApiName(type.apiName())).isEqualTo(type);
            assertThat(new MemoryTypeColumn().convertToEntityAttribute(new MemoryTypeColumn().convertToDatabaseColumn(type)))
                    .isEqualTo(type);
        }
        assertThat(MemoryType.fromApiName("SHORT_TERM")).isNull();
    }
}
