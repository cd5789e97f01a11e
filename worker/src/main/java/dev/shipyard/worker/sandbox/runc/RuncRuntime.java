package dev.shipyard.worker.sandbox.runc;

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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs steps with {@code runc run} on a generated OCI bundle: one container per step, with a unique id,
 * deleted afterwards. For {@link NetworkMode#NONE} it joins a network namespace made with {@code ip netns}
 * whose loopback is up (runc leaves lo down).
 */
public final class RuncRuntime implements Runtime {
    private static final Logger LOG = LoggerFactory.getLogger(RuncRuntime.class);
    private static final String EXEC_FAILURE = "unable to start container process: exec:";
    private final String runc;
    private final Path stateDir;

    public RuncRuntime(String runc, Path stateDir) {
        this.runc = runc;
        this.stateDir = stateDir;
    }

    /** {@code runc} from PATH, with its state under {@code /run/shipyard-runc}. */
    public RuncRuntime() {
        this("runc", Path.of("/run/shipyard-runc"));
    }

    @Override
    public String name() {
        return "runc";
    }

    @Override
    public RunResult run(SandboxSpec spec, OutputListener output, CancellationToken cancel) throws SandboxException {
        if (cancel.isCancelled()) {
            throw new StepCancelledException(spec.displayCommand());
        }
        String id = "shipyard-" + UUID.randomUUID();
        OutputTail tail = new OutputTail(output, OutputTail.DEFAULT_LINES);
        Path bundle = null;
        Optional<Path> netns = Optional.empty();
        try (MountStubs stubs = new MountStubs(spec.rootfs())) {
            bundle = Files.createTempDirectory(id);
            if (spec.network() == NetworkMode.NONE) {
                netns = Optional.of(createNetns(id));
            }
            Files.writeString(bundle.resolve("config.json"), OciConfig.toJson(config(spec, stubs, bundle, id, netns)));
            Path log = bundle.resolve("runc.log");
            List<String> command = List.of(runc, "--root", stateDir.toString(), "--log", log.toString(),
                    "--log-format", "json", "run", "--bundle", bundle.toString(), id);
            StepProcess.Outcome outcome;
            try {
                outcome = StepProcess.run(command, tail, spec.timeout(), cancel, () -> kill(id));
            } finally {
                delete(id);
            }
            return StepOutcomes.interpret(spec, outcome, status(outcome.exitCode(), log), tail.lines(), false, false);
        } catch (IOException e) {
            throw new SandboxFailureException("could not run RUN " + spec.displayCommand() + " with runc: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepCancelledException(spec.displayCommand());
        } finally {
            netns.ifPresent(n -> deleteNetns(n.getFileName().toString()));
            deleteTree(bundle);
        }
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode config(SandboxSpec spec, MountStubs stubs,
            Path bundle, String id, Optional<Path> netns) throws IOException {
        Workdir.ensure(spec.rootfs(), spec.cwd(), spec.user());
        for (String dir : List.of("/proc", "/sys", "/dev")) {
            stubs.ensure(dir, MountStubs.Kind.DIRECTORY);
        }
        List<Path> etc = EtcFiles.write(bundle, spec.hostname());
        List<OciConfig.Bind> binds = new ArrayList<>();
        binds.add(bind(stubs, etc.get(0), "/etc/hosts", true));
        binds.add(bind(stubs, etc.get(1), "/etc/resolv.conf", true));
        List<OciConfig.Tmpfs> tmpfss = new ArrayList<>();
        for (Mount mount : spec.mounts()) {
            if (mount instanceof Mount.Bind b) {
                binds.add(bind(stubs, b.source(), b.target(), b.readOnly()));
            } else if (mount instanceof Mount.Tmpfs t) {
                Path target = stubs.ensure(t.target(), MountStubs.Kind.DIRECTORY);
                tmpfss.add(new OciConfig.Tmpfs(stubs.inRootfs(target), t.sizeBytes()));
            }
        }
        return OciConfig.build(spec, binds, tmpfss, "/" + id, netns);
    }

    private static OciConfig.Bind bind(MountStubs stubs, Path source, String target, boolean readOnly)
            throws IOException {
        MountStubs.Kind kind = Files.isDirectory(source) ? MountStubs.Kind.DIRECTORY : MountStubs.Kind.FILE;
        return new OciConfig.Bind(source, stubs.inRootfs(stubs.ensure(target, kind)), readOnly);
    }

    /** runc reports the process's exit code; its own failures (exec included) are in its JSON log. */
    private static StepStatus status(int exitCode, Path log) throws IOException {
        if (exitCode <= 0) {
            return StepStatus.fromExitCode(Math.max(exitCode, 0));
        }
        String errors = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        Optional<String> error = errors.lines().filter(l -> l.contains("\"level\":\"error\"")).findFirst()
                .map(RuncRuntime::message);
        if (error.isPresent() && error.get().contains(EXEC_FAILURE)) {
            return new StepStatus(StepStatus.Kind.EXEC_ERROR, 127, "could not start the command: "
                    + error.get().substring(error.get().indexOf(EXEC_FAILURE) + EXEC_FAILURE.length()).trim());
        }
        if (error.isPresent()) {
            return new StepStatus(StepStatus.Kind.SETUP_ERROR, 0, "runc: " + error.get());
        }
        return StepStatus.fromExitCode(exitCode);
    }

    private static String message(String jsonLine) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(jsonLine).path("msg").asText(jsonLine);
        } catch (IOException e) {
            return jsonLine;
        }
    }

    private void kill(String id) {
        runQuietly(List.of(runc, "--root", stateDir.toString(), "kill", id, "KILL"));
    }

    private void delete(String id) {
        runQuietly(List.of(runc, "--root", stateDir.toString(), "delete", "--force", id));
    }

    private static Path createNetns(String id) throws IOException, InterruptedException {
        String name = id.substring(0, Math.min(id.length(), 40));
        check(List.of("ip", "netns", "add", name));
        try {
            check(List.of("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up"));
        } catch (IOException e) {
            deleteNetns(name);
            throw e;
        }
        return Path.of("/run/netns", name);
    }

    private static void deleteNetns(String name) {
        runQuietly(List.of("ip", "netns", "delete", name));
    }

    private static void check(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("could not run " + String.join(" ", command) + ": " + out.trim());
        }
    }

    /** For clean-up commands whose failure (already gone) is expected and harmless. */
    private static void runQuietly(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            LOG.debug("{}: {}", command, out.trim());
        } catch (IOException e) {
            LOG.warn("could not run {}: {}", command, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", dir, e.toString());
        }
    }
}
