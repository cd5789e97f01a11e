/**
 * The coordinator's Kafka adapter, the only coordinator package that speaks Kafka: it creates the farm's
 * topics, publishes step jobs keyed by parent chain and cancellations, and consumes step events in
 * per-build order.
 */
package dev.shipyard.coordinator.kafka;
