package dev.shipyard.protocol.jobs;

import java.util.List;

/** What a step runs with: environment ({@code KEY=value}), user, working directory, shell, network mode and mounts. */
public record StepEnvironment(List<String> env, String user, String workdir, List<String> shell, String network,
                              List<StepMount> mounts) {
    public StepEnvironment {
        env = env == null ? List.of() : List.copyOf(env);
        user = user == null ? "" : user;
        workdir = workdir == null || workdir.isEmpty() ? "/" : workdir;
        shell = shell == null || shell.isEmpty() ? List.of("/bin/sh", "-c") : List.copyOf(shell);
        network = network == null || network.isEmpty() ? "default" : network;
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
    }

    /** Docker's defaults: root, {@code /}, {@code /bin/sh -c}, default network, no mounts. */
    public static StepEnvironment defaults() {
        return new StepEnvironment(List.of(), "", "/", List.of(), "default", List.of());
    }
}
