package dev.shipyard.worker.engine;

import dev.shipyard.oci.Platform;
import dev.shipyard.worker.layer.LayerOptions;
import dev.shipyard.worker.sandbox.ResourceLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * How the engine runs a build.
 *
 * @param noCache run every step even when the cache has its result
 * @param layers compression and SOURCE_DATE_EPOCH clamp of the layers written
 * @param limits memory, process and CPU limits of each RUN
 * @param stepTimeout the longest a RUN may take; zero means no limit
 * @param platform the platform recorded in images built FROM scratch
 * @param parallelism how many independent stages may run at once
 */
public record EngineOptions(boolean noCache, LayerOptions layers, ResourceLimits limits, Duration stepTimeout,
                            Platform platform, int parallelism) {

    public EngineOptions {
        Objects.requireNonNull(layers, "layers");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(stepTimeout, "stepTimeout");
        Objects.requireNonNull(platform, "platform");
        parallelism = Math.max(1, parallelism);
    }

    /** Cache on, gzip, no limits, no timeout, this machine's platform, two stages at once. */
    public static EngineOptions defaults() {
        return new EngineOptions(false, LayerOptions.defaults(), ResourceLimits.NONE, Duration.ZERO,
                Platform.current(), 2);
    }

    public EngineOptions withNoCache(boolean value) {
        return new EngineOptions(value, layers, limits, stepTimeout, platform, parallelism);
    }

    public EngineOptions withLayers(LayerOptions value) {
        return new EngineOptions(noCache, value, limits, stepTimeout, platform, parallelism);
    }

    public EngineOptions withLimits(ResourceLimits value) {
        return new EngineOptions(noCache, layers, value, stepTimeout, platform, parallelism);
    }

    public EngineOptions withStepTimeout(Duration value) {
        return new EngineOptions(noCache, layers, limits, value, platform, parallelism);
    }
}
