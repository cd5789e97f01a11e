package dev.shipyard.protocol.jobs.wire;

import java.util.List;

/** A step's inputs on the wire; {@code contextBlob} is null when the step reads no context. */
public record InputsV1(String contextBlob, List<String> selection, List<StageOutputV1> stages) {
}
