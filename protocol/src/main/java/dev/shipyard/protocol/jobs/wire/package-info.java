/**
 * Version 1 of the wire form of step jobs, events and control messages: plain JSON shapes (strings for
 * digests and times, milliseconds for durations), kept apart from the domain records so either can change
 * without silently changing the other. Golden files under {@code src/test/resources/jobs} pin the shapes.
 */
package dev.shipyard.protocol.jobs.wire;
