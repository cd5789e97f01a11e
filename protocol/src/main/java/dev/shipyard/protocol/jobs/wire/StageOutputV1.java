package dev.shipyard.protocol.jobs.wire;

import java.util.List;

/** Another stage's layers on the wire. */
public record StageOutputV1(String stage, List<LayerV1> layers) {
}
