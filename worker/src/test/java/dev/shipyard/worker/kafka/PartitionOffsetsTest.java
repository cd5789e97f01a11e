package dev.shipyard.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PartitionOffsetsTest {
    private final PartitionOffsets offsets = new PartitionOffsets();

    @Test
    void committable_nothingReceived_isEmpty() {
        assertThat(offsets.committable()).isEmpty();
    }

    @Test
    void committable_laterJobDoneFirst_staysBelowTheUnfinishedOne() {
        offsets.received(10);
        offsets.received(11);
        offsets.received(12);
        offsets.done(12);
        offsets.done(11);
        assertThat(offsets.committable()).isEqualTo(OptionalLong.of(10));
    }

    @Test
    void committable_allDone_isPastTheLast() {
        offsets.received(10);
        offsets.received(11);
        offsets.done(11);
        offsets.done(10);
        assertThat(offsets.committable()).isEqualTo(OptionalLong.of(12));
    }

    @Test
    void committable_alreadyCommitted_isEmptyUntilItMoves() {
        offsets.received(5);
        offsets.done(5);
        offsets.committed(6);
        assertThat(offsets.committable()).isEmpty();
        offsets.received(6);
        offsets.done(6);
        assertThat(offsets.committable()).isEqualTo(OptionalLong.of(7));
    }
}
