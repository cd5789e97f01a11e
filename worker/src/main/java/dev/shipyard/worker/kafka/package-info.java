/**
 * The worker's Kafka adapter, the only worker package that speaks Kafka: it consumes step jobs as a member of
 * the workers' consumer group, runs them through a {@link dev.shipyard.worker.jobs.StepExecutor}, publishes
 * step events and heartbeats, obeys cancellations from the control topic, and commits a job's offset only
 * once its terminal event is acknowledged (at-least-once delivery).
 */
package dev.shipyard.worker.kafka;
