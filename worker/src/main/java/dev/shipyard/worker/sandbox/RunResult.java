package dev.shipyard.worker.sandbox;

import java.time.Duration;

/** A RUN step that exited 0. */
public record RunResult(Duration elapsed) {
}
