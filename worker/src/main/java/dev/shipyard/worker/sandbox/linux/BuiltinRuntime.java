package dev.shipyard.worker.sandbox.linux;

import dev.shipyard.worker.sandbox.CancellationToken;
import dev.shipyard.worker.sandbox.EtcFiles;
import dev.shipyard.worker.sandbox.Mount;
import dev.shipyard.worker.sandbox.MountStubs;
import dev.shipyard.worker.sandbox.NetworkMode;
import dev.shipyard.worker.sandbox.OutputListener;
import dev.shipyard.worker.sandbox.OutputTail;
import dev.shipyard.worker.sandbox.RunResult;
import dev.shipyard.worker.sandbox.Runtime;
import dev.shipyard.worker.sandbox.SandboxException;
import dev.shipyard.worker.sandbox.SandboxFailureException;
import dev.shipyard.worker.sandbox.SandboxSpec;
import dev.shipyard.worker.sandbox.StepCancelledException;
import dev.shipyard.worker.sandbox.StepOutcomes;
import dev.shipyard.worker.sandbox.StepProcess;
import dev.shipyard.worker.sandbox.StepStatus;
import dev.shipyard.worker.sandbox.Workdir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Runs steps in Linux namespaces through Shipyard's own launcher: new mount, PID, UTS and IPC namespaces
 * (and network for {@link NetworkMode#NONE}), {@code pivot_root} into the rootfs, limits in a cgroup.
 * Needs root; no other runtime or daemon.
 */
public final class BuiltinRuntime implements Runtime {
    private final CgroupHierarchy cgroups;

    public BuiltinRuntime() throws IOException {
        this.cgroups = CgroupHierarchy.detect();
    }

    @Override
    public String name() {
        return "builtin";
    }

    @Override
    public RunResult run(SandboxSpec spec, OutputListener output, CancellationToken cancel) throws SandboxException {
        if (cancel.isCancelled()) {
            throw new StepCancelledException(spec.displayCommand());
        }
        String id = "shipyard-" + UUID.randomUUID();
        OutputTail tail = new OutputTail(output, OutputTail.DEFAULT_LINES);
        Path work = null;
        try (MountStubs stubs = new MountStubs(spec.rootfs());
                StepCgroup cgroup = StepCgroup.create(cgroups, id, spec.limits())) {
            work = Files.createTempDirectory(id);
            List<String> command = command(spec, stubs, cgroup, work);
            StepProcess.Outcome outcome = StepProcess.run(command, tail, spec.timeout(), cancel, () -> { });
            StepStatus status = StepStatus.parse(readStatus(work.resolve("status")));
            return StepOutcomes.interpret(spec, outcome, status, tail.lines(),
                    cgroup.oomKilled(), cgroup.pidsLimitReached());
        } catch (IOException e) {
            throw new SandboxFailureException("could not run RUN " + spec.displayCommand() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepCancelledException(spec.displayCommand());
        } finally {
            deleteTree(work);
        }
    }

    private List<String> command(SandboxSpec spec, MountStubs stubs, StepCgroup cgroup, Path work)
            throws IOException {
        Workdir.ensure(spec.rootfs(), spec.cwd(), spec.user());
        for (String dir : List.of("/proc", "/sys", "/dev")) {
            stubs.ensure(dir, MountStubs.Kind.DIRECTORY);
        }
        List<Path> etc = EtcFiles.write(work, spec.hostname());
        List<String> cmd = new ArrayList<>(List.of(SandboxInit.path().toString(),
                "--rootfs", spec.rootfs().toString(), "--status", work.resolve("status").toString(),
                "--hostname", spec.hostname(), "--cwd", spec.cwd(),
                "--uid", Integer.toString(spec.user().uid()), "--gid", Integer.toString(spec.user().gid())));
        if (spec.network() == NetworkMode.NONE) {
            cmd.add("--net-none");
        }
        for (Path procs : cgroup.procsFiles()) {
            cmd.addAll(List.of("--cgroup", procs.toString()));
        }
        bind(cmd, stubs, etc.get(0), "/etc/hosts", true);
        bind(cmd, stubs, etc.get(1), "/etc/resolv.conf", true);
        for (Mount mount : spec.mounts()) {
            if (mount instanceof Mount.Bind b) {
                bind(cmd, stubs, b.source(), b.target(), b.readOnly());
            } else if (mount instanceof Mount.Tmpfs t) {
                Path target = stubs.ensure(t.target(), MountStubs.Kind.DIRECTORY);
                cmd.addAll(List.of("--tmpfs", stubs.inRootfs(target), Long.toString(t.sizeBytes())));
            }
        }
        for (String entry : spec.env()) {
            cmd.addAll(List.of("--env", entry));
        }
        cmd.add("--");
        cmd.addAll(spec.args());
        return cmd;
    }

    private static void bind(List<String> cmd, MountStubs stubs, Path source, String target, boolean readOnly)
            throws IOException {
        MountStubs.Kind kind = Files.isDirectory(source) ? MountStubs.Kind.DIRECTORY : MountStubs.Kind.FILE;
        Path resolved = stubs.ensure(target, kind);
        cmd.addAll(List.of("--bind", source.toString(), stubs.inRootfs(resolved), readOnly ? "ro" : "rw"));
    }

    private static String readStatus(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(BuiltinRuntime.class).warn("could not remove {}: {}", dir, e.toString());
        }
    }

}
