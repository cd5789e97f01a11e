package dev.shipyard.cache.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.oci.Digest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LayerRecordTest {
    private static final Digest BLOB = Digest.sha256("blob");
    private static final Digest DIFF = Digest.sha256("diff");

    @Test
    void of_instantWithNanos_keepsMillisecondsOnly() {
        LayerRecord r = LayerRecord.of(BLOB, DIFF, 1, "t", Instant.parse("2026-01-01T00:00:00.123456789Z"));
        assertThat(r.created()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123Z"));
        assertThat(r.lastUsed()).isEqualTo(r.created());
        assertThat(r.hitCount()).isZero();
    }

    @Test
    void touched_later_countsAHitAndMovesLastUsed() {
        LayerRecord r = LayerRecord.of(BLOB, DIFF, 1, "t", Instant.parse("2026-01-01T00:00:00Z"));
        LayerRecord t = r.touched(Instant.parse("2026-01-02T00:00:00Z"));
        assertThat(t.hitCount()).isEqualTo(1);
        assertThat(t.lastUsed()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
        assertThat(t.created()).isEqualTo(r.created());
    }

    @Test
    void touched_withAClockBehind_neverMovesLastUsedBack() {
        LayerRecord r = LayerRecord.of(BLOB, DIFF, 1, "t", Instant.parse("2026-01-02T00:00:00Z"));
        assertThat(r.touched(Instant.parse("2026-01-01T00:00:00Z")).lastUsed()).isEqualTo(r.lastUsed());
    }

    @Test
    void new_negativeSize_isRejected() {
        assertThatThrownBy(() -> LayerRecord.of(BLOB, DIFF, -1, "t", Instant.EPOCH))
                .hasMessageContaining("layer size must not be negative");
    }
}
