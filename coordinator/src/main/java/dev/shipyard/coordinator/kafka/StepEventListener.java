package dev.shipyard.coordinator.kafka;

import dev.shipyard.protocol.jobs.StepEvent;

/**
 * Receives step events, one build's events in the order workers emitted them. Delivery is at-least-once: an
 * event may come again after a coordinator restart, so handling must be idempotent (terminal events per
 * step attempt, output lines by {@code seq}).
 */
@FunctionalInterface
public interface StepEventListener {
    void onEvent(StepEvent event);
}
