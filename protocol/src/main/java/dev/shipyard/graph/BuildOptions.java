package dev.shipyard.graph;

import dev.shipyard.oci.Platform;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a build asks of a Dockerfile beyond its text: {@code --build-arg}s, {@code --target}, and the
 * platforms that fill the predefined {@code TARGET*} and {@code BUILD*} arguments.
 */
public record BuildOptions(Map<String, String> buildArgs, Optional<String> target, Platform targetPlatform,
                           Platform buildPlatform) {

    public BuildOptions {
        buildArgs = Map.copyOf(buildArgs);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(targetPlatform, "targetPlatform");
        Objects.requireNonNull(buildPlatform, "buildPlatform");
    }

    /** No build args, the last stage, this machine's platform. */
    public static BuildOptions defaults() {
        return new BuildOptions(Map.of(), Optional.empty(), Platform.current(), Platform.current());
    }

    public BuildOptions withBuildArgs(Map<String, String> args) {
        return new BuildOptions(args, target, targetPlatform, buildPlatform);
    }

    public BuildOptions withTarget(String stage) {
        return new BuildOptions(buildArgs, Optional.ofNullable(stage), targetPlatform, buildPlatform);
    }
}
