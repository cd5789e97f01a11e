package dev.shipyard.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetBookTest {
    private static final TopicPartition P0 = new TopicPartition("steps", 0);
    private static final TopicPartition P1 = new TopicPartition("steps", 1);
    private final OffsetBook book = new OffsetBook();

    @Test
    void committable_twoPartitions_eachStopsAtItsOwnUnfinishedJob() {
        book.received(P0, 0);
        book.received(P0, 1);
        book.received(P1, 7);
        book.done(P0, 0);
        book.done(P1, 7);

        assertThat(book.committable(book.partitions()))
                .isEqualTo(Map.of(P0, new OffsetAndMetadata(1), P1, new OffsetAndMetadata(8)));
    }

    @Test
    void done_afterPartitionMovedAway_isIgnored() {
        book.received(P0, 3);
        book.forget(List.of(P0));
        book.done(P0, 3);

        assertThat(book.committable(List.of(P0))).isEmpty();
    }

    @Test
    void committable_afterCommit_isEmptyUntilMoreIsDone() {
        book.received(P0, 0);
        book.done(P0, 0);
        book.committed(book.committable(book.partitions()));

        assertThat(book.committable(book.partitions())).isEmpty();
    }
}
