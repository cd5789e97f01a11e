package dev.shipyard.worker.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Runtime} must do, run against the real thing as root. Each test also checks that
 * nothing was left behind: no mount, no process, no cgroup.
 */
public abstract class RuntimeContract {
    @TempDir
    protected Path temp;
    protected Path rootfs;
    protected Runtime runtime;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final OutputListener collect = (stream, line) -> lines.add(stream + " " + line);

    protected abstract Runtime newRuntime() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        rootfs = TestRootfs.create(temp);
        runtime = newRuntime();
    }

    @AfterEach
    void nothingLeaks() throws IOException {
        assertThat(Files.readAllLines(Path.of("/proc/self/mountinfo")))
                .as("mounts left behind").noneMatch(line -> line.contains(rootfs.toString()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(ProcessHandle.current().descendants().map(this::describe).toList())
                        .as("processes left behind").isEmpty());
        assertThat(processesRootedIn(rootfs)).as("processes rooted in the rootfs").isEmpty();
        assertThat(stepCgroups()).as("cgroups left behind").isEmpty();
    }

    protected SandboxSpec spec(String command) {
        return SandboxSpec.of(rootfs, SandboxSpec.shellForm(SandboxSpec.DEFAULT_SHELL, command),
                        SandboxEnv.forRun(List.of(), SandboxSpec.DEFAULT_HOSTNAME, new ResolvedUser(SandboxUser.ROOT, "/root")))
                .withTimeout(Duration.ofSeconds(60));
    }

    protected List<String> run(SandboxSpec spec) throws SandboxException {
        lines.clear();
        runtime.run(spec, collect, CancellationToken.none());
        return List.copyOf(lines);
    }

    @Test
    void run_exitZero_returnsAndStreamsOutput() throws Exception {
        assertThat(run(spec("echo hello; echo oops >&2"))).contains("STDOUT hello", "STDERR oops");
    }

    @Test
    void run_nonZeroExit_failsWithExitCodeAndLastLines() {
        assertThatThrownBy(() -> run(spec("echo first; echo boom >&2; exit 3")))
                .isInstanceOfSatisfying(StepFailedException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(3);
                    assertThat(e.isRetriable()).isFalse();
                    assertThat(e.lastLines()).containsExactlyInAnyOrder("first", "boom");
                })
                .hasMessageStartingWith("RUN echo first; echo boom >&2; exit 3: exit code 3")
                .hasMessageContaining("boom");
    }

    @Test
    void run_commandNotFound_failsWith127() {
        SandboxSpec spec = spec("x").withEnv(List.of("PATH=/bin"));
        SandboxSpec missing = new SandboxSpec(rootfs, List.of("/no/such/program"), spec.env(), spec.user(), "/",
                List.of(), NetworkMode.HOST, "h", ResourceLimits.NONE, Duration.ofSeconds(30));
        assertThatThrownBy(() -> run(missing)).isInstanceOfSatisfying(StepFailedException.class,
                e -> assertThat(e.exitCode()).isEqualTo(127)).hasMessageContaining("/no/such/program");
    }

    @Test
    void run_output_streamsLinesInOrderWhileTheStepRuns() throws Exception {
        lines.clear();
        CompletableFuture<RunResult> done = CompletableFuture.supplyAsync(() -> {
            try {
                return runtime.run(spec("for i in 1 2 3 4 5; do echo line$i; done; sleep 2; echo last"),
                        collect, CancellationToken.none());
            } catch (SandboxException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> lines.contains("STDOUT line5"));
        assertThat(done).isNotDone();
        done.get();
        assertThat(lines).containsExactly("STDOUT line1", "STDOUT line2", "STDOUT line3", "STDOUT line4",
                "STDOUT line5", "STDOUT last");
    }

    @Test
    void run_env_hasDefaultPathHomeAndStepVariables() throws Exception {
        List<String> env = SandboxEnv.forRun(List.of("FOO=bar baz"), "buildkitsandbox",
                UserResolver.resolve(rootfs, "app"));
        List<String> out = run(spec("env").withEnv(env).withUser(new SandboxUser(1000, 1000)));
        assertThat(out).contains("STDOUT FOO=bar baz", "STDOUT HOME=/home/app", "STDOUT HOSTNAME=buildkitsandbox",
                "STDOUT PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    }

    @Test
    void run_userByName_runsWithItsUidGidAndNoSupplementaryGroups() throws Exception {
        ResolvedUser app = UserResolver.resolve(rootfs, "app");
        assertThat(run(spec("id -u; id -g; id -G").withUser(app.user())))
                .containsExactly("STDOUT 1000", "STDOUT 1000", "STDOUT 1000");
    }

    @Test
    void run_userByNumber_runsWithThatUidAndGroup() throws Exception {
        ResolvedUser user = UserResolver.resolve(rootfs, "4321:staff");
        assertThat(run(spec("id -u; id -g").withUser(user.user()))).containsExactly("STDOUT 4321", "STDOUT 50");
    }

    @Test
    void run_missingWorkdir_isCreatedAndKept() throws Exception {
        assertThat(run(spec("pwd; touch here").withCwd("/work/app").withUser(new SandboxUser(1000, 1000))))
                .containsExactly("STDOUT /work/app");
        assertThat(rootfs.resolve("work/app/here")).exists();
        assertThat(Files.getAttribute(rootfs.resolve("work/app"), "unix:uid")).isEqualTo(1000);
    }

    @Test
    void run_hostname_isSetAndInEtcHosts() throws Exception {
        assertThat(run(spec("hostname; grep -c builder /etc/hosts").withHostname("builder")))
                .containsExactly("STDOUT builder", "STDOUT 1");
    }

    @Test
    void run_pidNamespace_seesOnlyItsOwnProcesses() throws Exception {
        List<String> out = run(spec("ls /proc | grep -E '^[0-9]+$' | wc -l"));
        int visible = Integer.parseInt(out.get(0).substring("STDOUT ".length()).trim());
        long onHost = ProcessHandle.allProcesses().count();
        assertThat(visible).isLessThanOrEqualTo(5).isLessThan((int) onHost);
    }

    @Test
    void run_hostFiles_areNotVisible() throws Exception {
        Path marker = Files.writeString(temp.resolve("host-marker-" + UUID.randomUUID()), "secret");
        List<String> out = run(spec("test -e " + marker + " && echo visible; ls /"));
        assertThat(out).doesNotContain("STDOUT visible").contains("STDOUT bin", "STDOUT etc")
                .doesNotContain("STDOUT work", "STDOUT usr");
    }

    @Test
    void run_root_hasDockersCapabilitiesAndReadOnlyKernelKnobs() throws Exception {
        List<String> out = run(spec("grep CapEff /proc/self/status; "
                + "{ echo probe > /proc/sys/kernel/domainname; } 2>/dev/null || echo sysctl-read-only; "
                + "mount -t tmpfs none /tmp 2>/dev/null || echo mount-denied"));
        assertThat(out).containsExactly("STDOUT CapEff:\t00000000a80425fb", "STDOUT sysctl-read-only",
                "STDOUT mount-denied");
    }

    @Test
    void run_networkNone_hasOnlyLoopback() throws Exception {
        assertThat(run(spec("ls /sys/class/net").withNetwork(NetworkMode.NONE))).containsExactly("STDOUT lo");
    }

    @Test
    void run_networkHost_seesTheHostsInterfaces() throws Exception {
        List<String> host;
        try (Stream<Path> links = Files.list(Path.of("/sys/class/net"))) {
            host = links.map(p -> "STDOUT " + p.getFileName()).sorted().toList();
        }
        assertThat(run(spec("ls /sys/class/net"))).containsExactlyInAnyOrderElementsOf(host);
    }

    @Test
    void run_etcFiles_areVisibleInsideButLeaveNoTraceInTheRootfs() throws Exception {
        List<String> out = run(spec("grep -c 127.0.0.1 /etc/hosts; test -f /etc/resolv.conf && echo resolv"));
        assertThat(out).containsExactly("STDOUT 1", "STDOUT resolv");
        for (String stub : List.of("etc/hosts", "etc/resolv.conf", "proc", "sys", "dev")) {
            assertThat(Files.exists(rootfs.resolve(stub), LinkOption.NOFOLLOW_LINKS)).as(stub).isFalse();
        }
    }

    @Test
    void run_mounts_bindAndTmpfsAreVisibleAndStubsRemoved() throws Exception {
        Path cache = Files.createDirectories(temp.resolve("cache"));
        Files.writeString(cache.resolve("in"), "cached\n");
        Path secret = Files.writeString(temp.resolve("secret"), "s3cr3t\n");
        SandboxSpec spec = spec("cat /cache/in; echo out > /cache/out; cat /run/secrets/token; "
                + "touch /run/secrets/token 2>/dev/null || echo read-only; echo x > /scratch/f && echo tmpfs")
                .withMounts(List.of(new Mount.Bind(cache, "/cache", false),
                        new Mount.Bind(secret, "/run/secrets/token", true), new Mount.Tmpfs("/scratch", 1 << 20)));
        assertThat(run(spec)).containsExactly("STDOUT cached", "STDOUT s3cr3t", "STDOUT read-only", "STDOUT tmpfs");
        assertThat(cache.resolve("out")).hasContent("out\n");
        assertThat(rootfs.resolve("cache")).doesNotExist();
        assertThat(rootfs.resolve("run")).doesNotExist();
        assertThat(rootfs.resolve("scratch")).doesNotExist();
    }

    @Test
    void run_memoryLimit_killsAStepThatAllocatesTooMuch() {
        SandboxSpec spec = spec("head -c 300000000 /dev/zero | tail -c 250000000 > /dev/null")
                .withLimits(new ResourceLimits(64L << 20, 0, 0));
        assertThatThrownBy(() -> run(spec)).isInstanceOfSatisfying(StepFailedException.class,
                e -> assertThat(e.isRetriable()).isFalse()).hasMessageContaining("out of memory");
    }

    @Test
    void run_pidsLimit_failsAForkBombAndTheHostIsUnaffected() throws Exception {
        SandboxSpec spec = spec("f() { f | f; }; f").withLimits(new ResourceLimits(0, 32, 0))
                .withTimeout(Duration.ofSeconds(20));
        assertThatThrownBy(() -> run(spec)).isInstanceOf(StepFailedException.class);
        Process probe = new ProcessBuilder("true").start();
        assertThat(probe.waitFor()).isZero();
    }

    @Test
    void run_timeout_killsTheStepWithinTheTimeout() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> run(spec("sleep 1000 & sleep 1000").withTimeout(Duration.ofSeconds(2))))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("timed out after 2s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void run_cancel_killsTheStepAndThrows() throws Exception {
        CancellationToken cancel = new CancellationToken();
        lines.clear();
        CompletableFuture<Throwable> failure = CompletableFuture.supplyAsync(() -> {
            try {
                runtime.run(spec("echo started; sleep 1000"), collect, cancel);
                return null;
            } catch (SandboxException e) {
                return e;
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> lines.contains("STDOUT started"));
        cancel.cancel();
        assertThat(failure.get(20, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(StepCancelledException.class);
    }

    @Test
    void run_interrupted_killsTheStepAndThrows() throws Exception {
        lines.clear();
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                runtime.run(spec("echo started; sleep 1000"), collect, CancellationToken.none());
                failure.complete(null);
            } catch (SandboxException e) {
                failure.complete(e);
            }
        });
        worker.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> lines.contains("STDOUT started"));
        worker.interrupt();
        assertThat(failure.get(20, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(StepCancelledException.class);
        worker.join(10_000);
    }

    @Test
    void run_rmRfRoot_touchesOnlyTheRootfs() throws Exception {
        Path hostDir = Files.createDirectories(temp.resolve("host"));
        Path hostFile = Files.writeString(hostDir.resolve("keep"), "keep");
        Path readOnly = Files.createDirectories(temp.resolve("ro"));
        Files.writeString(readOnly.resolve("keep"), "keep");
        SandboxSpec spec = spec("/bin/busybox rm -rf / 2>/dev/null; /bin/busybox rm -rf /* 2>/dev/null; exit 0")
                .withMounts(List.of(new Mount.Bind(readOnly, "/ro", true)));
        try {
            run(spec);
        } catch (StepFailedException e) {
            // rm may take the shell's own binary away; what matters is what it could reach
        }
        assertThat(hostFile).exists();
        assertThat(readOnly.resolve("keep")).exists();
        assertThat(TestRootfs.BUSYBOX).exists();
        assertThat(rootfs.resolve("etc/passwd")).doesNotExist();
    }

    private String describe(ProcessHandle p) {
        return p.pid() + " " + p.info().commandLine().orElse("?");
    }

    private static List<String> processesRootedIn(Path rootfs) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if (Files.readSymbolicLink(p.resolve("root")).startsWith(rootfs)) {
                        out.add(p.getFileName().toString());
                    }
                } catch (IOException e) {
                    // the process ended while we looked
                }
            }
        }
        return out;
    }

    /** Step cgroups (named {@code shipyard-*}) anywhere in the cgroup tree. */
    protected static List<Path> stepCgroups() throws IOException {
        try (Stream<Path> dirs = Files.walk(Path.of("/sys/fs/cgroup"), 6)) {
            return dirs.filter(p -> p.getFileName() != null && p.getFileName().toString().startsWith("shipyard-"))
                    .filter(Files::isDirectory).toList();
        }
    }
}
