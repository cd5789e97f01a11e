package dev.shipyard.protocol.jobs.wire;

import com.fasterxml.jackson.databind.JsonNode;

/** The expanded instruction on the wire. */
public record InstructionV1(String keyword, JsonNode tree) {
}
