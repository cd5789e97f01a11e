package dev.shipyard.protocol.jobs.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A step event, wire version 1: one flat shape whose {@code type} ({@code started}, {@code output},
 * {@code finished}, {@code failed}, {@code heartbeat}) says which fields are set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepEventV1(int v, String type, String buildId, String stepId, Integer attempt, String worker,
                          String at, String stream, String line, Long seq, LayerResultV1 layer, Boolean cached,
                          String kind, String message, List<String> lastLines, List<StepRefV1> running) {
}
