package dev.shipyard.worker.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything a runtime needs to execute one RUN step: pure data, built and checked without root.
 *
 * @param rootfs the mounted root filesystem (an OverlayFS merged directory) the step is rooted in
 * @param args the final argv; for the shell form use {@link #shellForm}
 * @param env {@code KEY=value} entries, final (see {@link SandboxEnv})
 * @param cwd absolute working directory inside the rootfs; created (and kept) when missing
 * @param timeout zero means none
 */
public record SandboxSpec(
        Path rootfs,
        List<String> args,
        List<String> env,
        SandboxUser user,
        String cwd,
        List<Mount> mounts,
        NetworkMode network,
        String hostname,
        ResourceLimits limits,
        Duration timeout) {

    /** BuildKit's hostname for RUN steps; kept so that builds behave the same. */
    public static final String DEFAULT_HOSTNAME = "buildkitsandbox";

    /** Docker's default shell for the shell form of RUN on Linux. */
    public static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

    public SandboxSpec {
        Objects.requireNonNull(rootfs, "rootfs");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(timeout, "timeout");
        args = List.copyOf(args);
        env = List.copyOf(env);
        mounts = List.copyOf(mounts);
        if (!rootfs.isAbsolute()) {
            throw new IllegalArgumentException("rootfs must be an absolute path: " + rootfs);
        }
        if (args.isEmpty() || args.get(0).isEmpty()) {
            throw new IllegalArgumentException("a RUN step needs a command");
        }
        if (cwd == null || !cwd.startsWith("/")) {
            throw new IllegalArgumentException("working directory must be absolute: " + cwd);
        }
        if (hostname == null || hostname.isEmpty() || hostname.length() > 64) {
            throw new IllegalArgumentException("hostname must have 1 to 64 characters: " + hostname);
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        for (String entry : env) {
            if (entry.indexOf('=') <= 0) {
                throw new IllegalArgumentException("environment entry must be KEY=value: " + entry);
            }
        }
    }

    /** A spec with the defaults of a plain {@code RUN}: root, {@code /}, host network, no limits. */
    public static SandboxSpec of(Path rootfs, List<String> args, List<String> env) {
        return new SandboxSpec(rootfs, args, env, SandboxUser.ROOT, "/", List.of(), NetworkMode.HOST,
                DEFAULT_HOSTNAME, ResourceLimits.NONE, Duration.ZERO);
    }

    /** The argv of the shell form: {@code SHELL} followed by the command as one argument. */
    public static List<String> shellForm(List<String> shell, String command) {
        if (shell.isEmpty()) {
            throw new IllegalArgumentException("SHELL must name a program");
        }
        List<String> argv = new ArrayList<>(shell);
        argv.add(command);
        return List.copyOf(argv);
    }

    /** The command as Dockerfile users wrote it, for messages: the shell form's command, else the argv joined. */
    public String displayCommand() {
        if (args.size() >= 2 && args.get(args.size() - 2).equals("-c")) {
            return args.get(args.size() - 1);
        }
        return String.join(" ", args);
    }

    public SandboxSpec withUser(SandboxUser value) {
        return new SandboxSpec(rootfs, args, env, value, cwd, mounts, network, hostname, limits, timeout);
    }

    public SandboxSpec withCwd(String value) {
        return new SandboxSpec(rootfs, args, env, user, value, mounts, network, hostname, limits, timeout);
    }

    public SandboxSpec withMounts(List<Mount> value) {
        return new SandboxSpec(rootfs, args, env, user, cwd, value, network, hostname, limits, timeout);
    }

    public SandboxSpec withNetwork(NetworkMode value) {
        return new SandboxSpec(rootfs, args, env, user, cwd, mounts, value, hostname, limits, timeout);
    }

    public SandboxSpec withHostname(String value) {
        return new SandboxSpec(rootfs, args, env, user, cwd, mounts, network, value, limits, timeout);
    }

    public SandboxSpec withLimits(ResourceLimits value) {
        return new SandboxSpec(rootfs, args, env, user, cwd, mounts, network, hostname, value, timeout);
    }

    public SandboxSpec withTimeout(Duration value) {
        return new SandboxSpec(rootfs, args, env, user, cwd, mounts, network, hostname, limits, value);
    }

    public SandboxSpec withEnv(List<String> value) {
        return new SandboxSpec(rootfs, args, value, user, cwd, mounts, network, hostname, limits, timeout);
    }
}
