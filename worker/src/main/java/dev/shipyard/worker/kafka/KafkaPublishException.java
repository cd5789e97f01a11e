package dev.shipyard.worker.kafka;

/** A record the brokers did not acknowledge; the job it belongs to stays uncommitted and is delivered again. */
final class KafkaPublishException extends Exception {
    KafkaPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
