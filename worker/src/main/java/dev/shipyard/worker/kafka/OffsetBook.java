package dev.shipyard.worker.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** The open jobs of every owned partition, and what may be committed of them; used by the poll thread only. */
final class OffsetBook {
    private final Map<TopicPartition, PartitionOffsets> partitions = new HashMap<>();

    void received(TopicPartition partition, long offset) {
        partitions.computeIfAbsent(partition, p -> new PartitionOffsets()).received(offset);
    }

    /** Marks a job done; ignored when its partition moved to another member meanwhile, which redelivers it. */
    void done(TopicPartition partition, long offset) {
        PartitionOffsets tracked = partitions.get(partition);
        if (tracked != null) {
            tracked.done(offset);
        }
    }

    /** The offsets to commit now among {@code owned}: below each, every job is done. */
    Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> owned) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        for (TopicPartition partition : owned) {
            PartitionOffsets tracked = partitions.get(partition);
            OptionalLong offset = tracked == null ? OptionalLong.empty() : tracked.committable();
            offset.ifPresent(o -> commit.put(partition, new OffsetAndMetadata(o)));
        }
        return commit;
    }

    Collection<TopicPartition> partitions() {
        return partitions.keySet();
    }

    void committed(Map<TopicPartition, OffsetAndMetadata> commit) {
        commit.forEach((partition, offset) -> {
            PartitionOffsets tracked = partitions.get(partition);
            if (tracked != null) {
                tracked.committed(offset.offset());
            }
        });
    }

    void forget(Collection<TopicPartition> moved) {
        moved.forEach(partitions::remove);
    }
}
