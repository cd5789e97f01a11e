package dev.shipyard.protocol.jobs.wire;

import java.util.List;

/** A step's environment on the wire. */
public record EnvironmentV1(List<String> env, String user, String workdir, List<String> shell, String network,
                            List<MountV1> mounts) {
}
