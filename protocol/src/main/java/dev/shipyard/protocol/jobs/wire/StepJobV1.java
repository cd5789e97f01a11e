package dev.shipyard.protocol.jobs.wire;

import java.util.List;

/** A step job, wire version 1. */
public record StepJobV1(int v, String buildId, String stepId, int attempt, String cacheNamespace, String cacheKey,
                        List<LayerV1> parents, InstructionV1 instruction, EnvironmentV1 environment, InputsV1 inputs,
                        LimitsV1 limits, String deadline) {
}
