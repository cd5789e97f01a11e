/**
 * Builds and their event logs, shared by every coordinator through Hazelcast: immutable records changed only by
 * entry processors, one ringbuffer of events per build. The only package that knows Hazelcast.
 */
package dev.shipyard.coordinator.state;
