package dev.shipyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipyard.cache.image.ImageStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code shipyard build --local} end to end, as root: real namespaces, OverlayFS and sandbox, a busybox base made
 * from the host's busybox-static, and the results checked with skopeo, umoci and runc.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuildCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    private Path home;
    private String err;

    @BeforeAll
    void homeWithBusybox() throws Exception {
        home = Files.createDirectories(work.resolve("home"));
        System.setProperty("shipyard.home", home.toString());
        BusyboxImage.put(ImageCommand.localStore(), Files.createDirectories(work.resolve("base")));
    }

    @AfterAll
    void clearHome() {
        System.clearProperty("shipyard.home");
    }

    private int build(String... args) {
        StringWriter errors = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(errors, true));
        List<String> all = new ArrayList<>(List.of("build", "--local"));
        all.addAll(List.of(args));
        int code = cli.execute(all.toArray(String[]::new));
        err = errors.toString();
        return code;
    }

    private Path context(String name, String dockerfile) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        Files.writeString(dir.resolve("Dockerfile"), dockerfile);
        return dir;
    }

    @Test
    void build_everyInstruction_imageWorksWithRealTools() throws Exception {
        Path ctx = context("full", """
                ARG BASE=busybox
                FROM ${BASE} AS builder
                ARG GREETING=hello
                RUN mkdir -p /out && echo "$GREETING from builder" > /out/greeting.txt
                RUN <<EOF
                echo heredoc-run > /out/heredoc.txt
                EOF
                COPY <<EOF /out/heredoc-copy.txt
                copied by heredoc
                EOF

                FROM busybox AS base
                ONBUILD RUN echo triggered > /onbuild.txt
                LABEL stage=base

                FROM base
                MAINTAINER Shipyard Tests
                RUN touch /to-be-removed && mkdir /gone && touch /gone/f
                RUN rm /to-be-removed && rm -rf /gone
                WORKDIR /app
                COPY --from=builder /out/ /app/
                COPY --chown=app hello.txt owned.txt
                ADD files.tar /app/extracted/
                USER app
                WORKDIR sub
                RUN id -u > uid.txt && pwd > pwd.txt
                USER root
                ENV MESSAGE="hi there"
                ARG VERSION=1.0
                LABEL version=$VERSION org.example.name="demo app"
                EXPOSE 8080 9000-9001/udp
                VOLUME /data
                HEALTHCHECK --interval=30s --timeout=5s CMD true
                STOPSIGNAL SIGTERM
                SHELL ["/bin/sh", "-c"]
                ENTRYPOINT ["/bin/sh", "-c"]
                CMD ["cat /app/greeting.txt /app/heredoc.txt /app/heredoc-copy.txt /onbuild.txt; echo $MESSAGE"]
                """);
        Files.writeString(ctx.resolve("hello.txt"), "hello from the context\n");
        Files.writeString(ctx.resolve("ignored.txt"), "never copied\n");
        Files.writeString(ctx.resolve(".dockerignore"), "ignored.txt\n");
        writeTar(ctx.resolve("files.tar"), List.of("a.txt", "dir/b.txt"), false);
        Path out = work.resolve("full.tar");

        int code = build("-t", "full:1", "-o", "type=oci,dest=" + out, ctx.toString());

        assertThat(code).as(err).isZero();
        assertThat(err).contains("[builder 2/4] RUN mkdir -p /out").contains("#").contains(" DONE ");
        JsonNode config = JSON.readTree(exec(work, "skopeo", "inspect", "--config", "--raw", "oci-archive:" + out));
        JsonNode c = config.get("config");
        assertThat(config.get("author").asText()).isEqualTo("Shipyard Tests");
        assertThat(c.get("Env").toString()).contains("MESSAGE=hi there").contains("PATH=");
        assertThat(c.get("Labels").get("version").asText()).isEqualTo("1.0");
        assertThat(c.get("Labels").get("org.example.name").asText()).isEqualTo("demo app");
        assertThat(c.get("Labels").get("stage").asText()).isEqualTo("base");
        assertThat(c.get("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(c.get("ExposedPorts").has("9001/udp")).isTrue();
        assertThat(c.get("Volumes").has("/data")).isTrue();
        assertThat(c.get("Healthcheck").get("Test").toString()).isEqualTo("[\"CMD-SHELL\",\"true\"]");
        assertThat(c.get("StopSignal").asText()).isEqualTo("SIGTERM");
        assertThat(c.get("WorkingDir").asText()).isEqualTo("/app/sub");
        assertThat(c.get("User").asText()).isEqualTo("root");
        assertThat(c.get("Entrypoint").toString()).isEqualTo("[\"/bin/sh\",\"-c\"]");
        assertThat(c.has("OnBuild") && !c.get("OnBuild").isNull() && c.get("OnBuild").size() > 0).isFalse();
        assertThat(config.get("history").toString()).contains("RUN /bin/sh -c rm /to-be-removed");
        assertThat(exec(work, "skopeo", "inspect", "oci-archive:" + out)).contains("\"Layers\"");

        Path bundle = unpack(out, "full");
        Path rootfs = bundle.resolve("rootfs");
        assertThat(rootfs.resolve("to-be-removed")).doesNotExist();
        assertThat(rootfs.resolve("gone")).doesNotExist();
        assertThat(rootfs.resolve("onbuild.txt")).hasContent("triggered");
        assertThat(rootfs.resolve("app/greeting.txt")).hasContent("hello from builder");
        assertThat(rootfs.resolve("app/owned.txt")).hasContent("hello from the context");
        assertThat(Files.getAttribute(rootfs.resolve("app/owned.txt"), "unix:uid")).isEqualTo(1000);
        assertThat(rootfs.resolve("app/ignored.txt")).doesNotExist();
        assertThat(rootfs.resolve("app/extracted/dir/b.txt")).hasContent("content of dir/b.txt");
        assertThat(rootfs.resolve("app/sub/uid.txt")).hasContent("1000");
        assertThat(rootfs.resolve("app/sub/pwd.txt")).hasContent("/app/sub");
        assertThat(Files.getAttribute(rootfs.resolve("app/sub"), "unix:uid")).isEqualTo(1000);
        assertThat(runc(bundle)).isEqualTo("hello from builder\nheredoc-run\ncopied by heredoc\ntriggered\nhi there\n");
    }

    @Test
    void build_again_everyStepCachedAndNoCacheRebuilds() throws Exception {
        Path ctx = context("cached", """
                FROM busybox
                RUN echo first > /first.txt
                COPY data.txt /data.txt
                WORKDIR /srv
                RUN echo second && cat /data.txt > copy.txt
                CMD ["cat", "/srv/copy.txt"]
                """);
        Files.writeString(ctx.resolve("data.txt"), "payload\n");
        assertThat(build("-t", "cached:1", ctx.toString())).as(err).isZero();
        assertThat(err).doesNotContain("CACHED").contains("#5 0.");

        long started = System.nanoTime();
        assertThat(build("-t", "cached:1", ctx.toString())).as(err).isZero();
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(count(err, "CACHED")).as(err).isEqualTo(4);
        assertThat(err).doesNotContainPattern("#\\d+ \\d+\\.\\d+ second");
        System.out.printf("cached rebuild of 4 layer steps: %.3f s (%s)%n", seconds, lastLine(err));
        assertThat(seconds).isLessThan(1.0);

        assertThat(build("--no-cache", "-t", "cached:1", ctx.toString())).as(err).isZero();
        assertThat(err).doesNotContain("CACHED").containsPattern("#\\d+ \\d+\\.\\d+ second");
    }

    @Test
    void build_mountsNetworkAndOutputs_reproducibleWithSourceDateEpoch() throws Exception {
        Path ctx = context("mounts", """
                FROM busybox AS builder
                RUN mkdir /out && echo built > /out/artifact.txt

                FROM busybox
                RUN --mount=type=cache,target=/cache echo cached > /cache/seen && cp /cache/seen /seen.txt
                RUN --mount=type=bind,from=builder,source=/out,target=/mnt cat /mnt/artifact.txt > /from-mount.txt
                RUN --mount=type=tmpfs,target=/scratch echo gone > /scratch/x && ls /scratch > /tmp-listing.txt
                RUN --mount=type=bind,source=data.txt,target=/data.txt cat /data.txt > /bound.txt
                RUN --network=none cat /proc/net/dev | grep -c : > /interfaces.txt
                CMD ["cat", "/from-mount.txt"]
                """);
        Files.writeString(ctx.resolve("data.txt"), "bound from the context\n");
        Path first = work.resolve("mounts-1.tar");
        Path second = work.resolve("mounts-2.tar");
        Path docker = work.resolve("mounts-docker.tar");
        Path rootfs = work.resolve("mounts-rootfs");
        assertThat(build("--no-cache", "--build-arg", "SOURCE_DATE_EPOCH=1700000000", "--compression", "zstd",
                "-o", "type=oci,dest=" + first, "-o", "type=docker,dest=" + docker, "-o", "type=local,dest=" + rootfs,
                ctx.toString())).as(err).isZero();
        assertThat(build("--no-cache", "--build-arg", "SOURCE_DATE_EPOCH=1700000000", "--compression", "zstd",
                "-o", "type=oci,dest=" + second, ctx.toString())).as(err).isZero();

        assertThat(rootfs.resolve("seen.txt")).hasContent("cached");
        assertThat(rootfs.resolve("from-mount.txt")).hasContent("built");
        assertThat(rootfs.resolve("tmp-listing.txt")).hasContent("x");
        assertThat(rootfs.resolve("scratch")).doesNotExist();
        assertThat(rootfs.resolve("bound.txt")).hasContent("bound from the context");
        assertThat(Files.getLastModifiedTime(rootfs.resolve("bound.txt"), LinkOption.NOFOLLOW_LINKS).toInstant())
                .isEqualTo(java.time.Instant.ofEpochSecond(1700000000));
        try (Stream<Path> all = Files.walk(rootfs)) {
            assertThat(all.filter(p -> mtimeAfter(p, 1700000000))).as("entries newer than SOURCE_DATE_EPOCH").isEmpty();
        }
        assertThat(rootfs.resolve("interfaces.txt")).hasContent("1");
        String manifest = exec(work, "skopeo", "inspect", "--raw", "oci-archive:" + first);
        assertThat(manifest).contains("tar+zstd");
        assertThat(exec(work, "skopeo", "inspect", "--raw", "oci-archive:" + second)).isEqualTo(manifest);
        assertThat(exec(work, "skopeo", "inspect", "docker-archive:" + docker)).contains("\"Layers\"");
        assertThat(exec(work, "skopeo", "inspect", "--config", "--raw", "oci-archive:" + first))
                .contains("\"created\":\"2023-11-14T22:13:20Z\"");

        Files.writeString(ctx.resolve("data.txt"), "changed in the context\n");
        assertThat(build("--build-arg", "SOURCE_DATE_EPOCH=1700000000", "--compression", "zstd",
                "-o", "type=local,dest=" + work.resolve("mounts-rootfs-2"), ctx.toString())).as(err).isZero();
        assertThat(err).containsPattern("RUN --mount=type=tmpfs[^\n]*\n#\\d+ CACHED");
        assertThat(err).containsPattern("RUN --mount=type=bind,source=data.txt[^\n]*\n#\\d+ DONE");
        assertThat(work.resolve("mounts-rootfs-2/bound.txt")).hasContent("changed in the context");
    }

    @Test
    void build_targetFileAndBuildArgs_buildOnlyWhatTheTargetNeeds() throws Exception {
        Path ctx = Files.createDirectories(work.resolve("target"));
        Path dockerfile = Files.writeString(ctx.resolve("build.Dockerfile"), """
                ARG MSG=default
                FROM busybox AS first
                ARG MSG
                RUN echo "first says $MSG" > /first.txt

                FROM first AS second
                RUN echo second > /second.txt && exit 9
                """);
        Path out = work.resolve("target-rootfs");
        assertThat(build("-f", dockerfile.toString(), "--target", "FIRST", "--build-arg", "MSG=hello",
                "-o", "type=local,dest=" + out, ctx.toString())).as(err).isZero();
        assertThat(out.resolve("first.txt")).hasContent("first says hello");
        assertThat(out.resolve("second.txt")).doesNotExist();
        assertThat(err).doesNotContain("echo second");
    }

    @Test
    void build_failingRun_reportsCommandExitCodeAndOutput() throws Exception {
        Path ctx = context("failing", """
                FROM busybox
                RUN echo about to fail && exit 3
                RUN echo never
                """);
        int code = build(ctx.toString());
        assertThat(code).isEqualTo(1);
        assertThat(err).contains("RUN echo about to fail && exit 3: exit code 3").contains("about to fail")
                .contains("ERROR").doesNotContain("never");
    }

    @Test
    void build_runawaySteps_failThatStepAndLeaveHostAndCacheUntouched() throws Exception {
        Path canary = Files.writeString(work.resolve("canary.txt"), "still here");
        long records = countFiles(home.resolve("cache/index"));
        String[][] cases = {
            {"RUN head -c 400m /dev/zero | tail -c 300m > /dev/null", "out of memory"},
            {"RUN f() { f | f & }; f; sleep 20", "can't fork"},
            {"RUN sleep 60", "timed out after 4s"},
            {"RUN rm -rf / 2>/dev/null; ls /bin/busybox && exit 1", "exit code"},
        };
        for (String[] c : cases) {
            Path ctx = context("runaway-" + Math.abs(c[0].hashCode()), "FROM busybox\n" + c[0] + "\n");
            long started = System.nanoTime();
            int code = build("--memory", "64m", "--pids-limit", "64", "--step-timeout", "4", ctx.toString());
            assertThat(code).as(c[0] + "\n" + err).isEqualTo(1);
            assertThat(err).as(c[0]).contains("ERROR").contains(c[1]);
            assertThat((System.nanoTime() - started) / 1e9).as(c[0]).isLessThan(30);
        }
        assertThat(canary).hasContent("still here");
        assertThat(BusyboxImage.BUSYBOX).exists();
        assertThat(countFiles(home.resolve("cache/index"))).isEqualTo(records);
    }

    @Test
    void build_contextTarEscaping_isRejectedBeforeAnyStep() throws Exception {
        for (String bad : List.of("../evil.txt", "/abs.txt", "link")) {
            Path tar = work.resolve("bad-" + Math.abs(bad.hashCode()) + ".tar");
            writeTar(tar, List.of("Dockerfile", bad), bad.equals("link"));
            int code = build(tar.toString());
            assertThat(code).as(bad + "\n" + err).isEqualTo(1);
            assertThat(err).as(bad).contains("could not read the build context").doesNotContain("#1 ");
        }
        assertThat(work.getParent().resolve("evil.txt")).doesNotExist();
        assertThat(Path.of("/abs.txt")).doesNotExist();
    }

    @Test
    void build_missingBase_saysHowToGetIt() throws Exception {
        Path ctx = context("missing", "FROM nosuch/image:1\nRUN true\n");
        assertThat(build(ctx.toString())).isEqualTo(1);
        // Not in the local store, so the registry is asked; this machine reaches none, and the message says what to do.
        assertThat(err).contains("ERROR: could not resolve FROM nosuch/image:1: image not found in the local store")
                .contains("shipyard image load")
                .doesNotContain("Exception");
    }

    @Test
    void build_withoutLocal_saysTheFarmIsNotAvailable() {
        StringWriter errors = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(errors, true));
        assertThat(cli.execute("build", ".")).isEqualTo(2);
        assertThat(errors.toString()).contains("--local");
    }

    private static void writeTar(Path file, List<String> names, boolean outwardLink) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (String name : names) {
                if (outwardLink && name.equals("link")) {
                    TarArchiveEntry link = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                    link.setLinkName("../../../etc/passwd");
                    tar.putArchiveEntry(link);
                    tar.closeArchiveEntry();
                    continue;
                }
                byte[] data = (name.equals("Dockerfile") ? "FROM busybox\nRUN echo ran\n" : "content of " + name)
                        .getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(name, true);
                entry.setSize(data.length);
                entry.setMode(0644);
                tar.putArchiveEntry(entry);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        }
    }

    private Path unpack(Path archive, String name) throws Exception {
        Path layout = Files.createDirectories(work.resolve(name + "-layout"));
        exec(work, "tar", "-xf", archive.toString(), "-C", layout.toString());
        String tag = exec(work, "umoci", "ls", "--layout", layout.toString()).lines().findFirst().orElseThrow();
        Path bundle = work.resolve(name + "-bundle");
        exec(work, "umoci", "unpack", "--image", layout + ":" + tag, bundle.toString());
        return bundle;
    }

    private String runc(Path bundle) throws Exception {
        Path config = bundle.resolve("config.json");
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(config.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("process")).put("terminal", false);
        JSON.writeValue(config.toFile(), tree);
        return exec(bundle, "runc", "run", "-b", bundle.toString(), "shipyard-it-" + ProcessHandle.current().pid());
    }

    private static String exec(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }

    @Test
    void build_copyLinkAfterBaseChanges_layerReusedFromCache() throws Exception {
        Path ctx = context("link", """
                FROM busybox
                COPY --link data.txt /opt/data.txt
                """);
        Files.writeString(ctx.resolve("data.txt"), "linked\n");
        assertThat(build("-t", "link:1", ctx.toString())).as(err).isZero();
        assertThat(err).doesNotContain("CACHED");

        Files.writeString(ctx.resolve("Dockerfile"), """
                FROM busybox
                RUN echo changed > /changed.txt
                COPY --link data.txt /opt/data.txt
                """);
        Path rootfs = work.resolve("link-rootfs");
        assertThat(build("-t", "link:2", "-o", "type=local,dest=" + rootfs, ctx.toString())).as(err).isZero();
        assertThat(err).containsPattern("#\\d+ \\[3/3\\] COPY --link data.txt /opt/data.txt\\R#\\d+ CACHED");
        assertThat(count(err, "CACHED")).as(err).isEqualTo(1);

        ImageStore store = ImageCommand.localStore();
        List<dev.shipyard.oci.Descriptor> first = store.resolve("link:1").orElseThrow().layers();
        List<dev.shipyard.oci.Descriptor> second = store.resolve("link:2").orElseThrow().layers();
        assertThat(second).hasSize(first.size() + 1);
        assertThat(second.get(second.size() - 1).digest()).isEqualTo(first.get(first.size() - 1).digest());
        assertThat(rootfs.resolve("opt/data.txt")).hasContent("linked");
        assertThat(rootfs.resolve("changed.txt")).hasContent("changed");
        assertThat(rootfs.resolve("bin/busybox")).exists();
    }

    @Test
    void build_directoryContextReadInPlace_untouchedAndSymlinksNotFollowed() throws Exception {
        Path outside = Files.writeString(work.resolve("outside.txt"), "outside the context");
        Path ctx = context("in-place", """
                FROM busybox
                COPY . /app
                RUN --mount=type=bind,target=/ctx,rw echo scribble > /ctx/written.txt && cat /ctx/data.txt > /seen.txt
                """);
        Files.writeString(ctx.resolve("data.txt"), "in place");
        Files.createSymbolicLink(ctx.resolve("escape"), outside);
        Path rootfs = work.resolve("in-place-rootfs");
        assertThat(build("-o", "type=local,dest=" + rootfs, ctx.toString())).as(err).isZero();

        assertThat(rootfs.resolve("app/data.txt")).hasContent("in place");
        assertThat(rootfs.resolve("seen.txt")).hasContent("in place");
        assertThat(Files.isSymbolicLink(rootfs.resolve("app/escape"))).as("COPY keeps the symlink, never its target")
                .isTrue();
        assertThat(ctx.resolve("written.txt")).as("a writable bind mount must not write into the context").doesNotExist();
        try (Stream<Path> files = Files.list(ctx)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("Dockerfile", "data.txt",
                    "escape");
        }
        assertThat(outside).hasContent("outside the context");
    }

    @Test
    void build_fromPlatform_baseResolvedForThatPlatformOnly() throws Exception {
        String other = dev.shipyard.oci.Platform.current().architecture().equals("s390x") ? "linux/ppc64le" : "linux/s390x";
        Path ctx = context("platform", "FROM --platform=" + dev.shipyard.oci.Platform.current() + " busybox\nRUN true\n");
        assertThat(build(ctx.toString())).as(err).isZero();

        Files.writeString(ctx.resolve("Dockerfile"), "FROM --platform=" + other + " busybox\nRUN true\n");
        // the local busybox is for this machine, so the registry is asked for the other platform; none is reachable
        assertThat(build(ctx.toString())).isEqualTo(1);
        assertThat(err).contains("ERROR: could not resolve FROM busybox");
    }

    private static boolean mtimeAfter(Path path, long epochSeconds) {
        try {
            return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant().getEpochSecond() > epochSeconds;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int count(String text, String word) {
        Matcher m = Pattern.compile(Pattern.quote(word)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private static long countFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }
}
