package dev.shipyard.worker.kafka;

import dev.shipyard.protocol.jobs.MalformedMessageException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What becomes of a record nobody can decode: logged, counted and sent to the dead-letter topic, then skipped. */
@FunctionalInterface
interface MalformedRecords {
    void skip(ConsumerRecord<byte[], byte[]> record, MalformedMessageException error);
}
