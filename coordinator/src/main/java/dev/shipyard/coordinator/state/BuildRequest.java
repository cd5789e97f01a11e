package dev.shipyard.coordinator.state;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the client asked for, as accepted.
 *
 * @param dockerfile the Dockerfile's path in the context, or {@code -} when it came inline
 * @param target the stage to build, or null for the last one
 * @param platform the target platform ({@code linux/amd64}), or null for the coordinator's default
 * @param output {@code oci} or {@code docker}
 */
public record BuildRequest(String dockerfile, List<String> tags, Map<String, String> buildArgs, String target,
                           Map<String, String> labels, boolean noCache, String platform, String output)
        implements Serializable {

    /** The {@code dockerfile} value of a Dockerfile sent inline rather than read from the context. */
    public static final String INLINE = "-";

    public BuildRequest {
        Objects.requireNonNull(dockerfile, "dockerfile");
        tags = List.copyOf(tags);
        buildArgs = Map.copyOf(buildArgs);
        labels = Map.copyOf(labels);
        Objects.requireNonNull(output, "output");
    }
}
