package dev.shipyard.worker.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays a Dockerfile whose result was recorded from BuildKit and compares trees:
 * <pre>
 * FROM busybox
 * COPY dir /c1/
 * COPY --chown=nobody dir /c2/deep/
 * COPY --chown=:nogroup f /c3/
 * COPY --chown=ghost f /c4/
 * COPY --chown=1234 f /c5
 * COPY f /bin/vi
 * COPY hom* /c6/
 * ADD bundle.bin /c7/
 * COPY bundle.bin /c8/
 * COPY dirlink /c9
 * COPY --chmod=600 dir /c10/
 * COPY nomatch* /c11/
 * </pre>
 */
class BuildKitParityTest {

    @TempDir
    Path tmp;

    @Test
    void execute_recordedDockerfile_givesBuildKitsTree() throws IOException {
        Path context = context(Files.createDirectory(tmp.resolve("context")));
        Path rootfs = busybox(Files.createDirectory(tmp.resolve("rootfs")));
        CopyExecutor executor = new CopyExecutor();
        SourceRoot source = SourceRoot.context(context);

        for (CopyRequest request : List.of(copy("/c1/", null, null, "dir"), copy("/c2/deep/", "nobody", null, "dir"),
                copy("/c3/", ":nogroup", null, "f"), copy("/c4/", "ghost", null, "f"), copy("/c5", "1234", null, "f"),
                copy("/bin/vi", null, null, "f"), copy("/c6/", null, null, "hom*"), add("/c7/", "bundle.bin"),
                copy("/c8/", null, null, "bundle.bin"), copy("/c9", null, null, "dirlink"),
                copy("/c10/", null, "600", "dir"), copy("/c11/", null, null, "nomatch*"))) {
            executor.execute(request, source, rootfs);
        }

        List<String> actual = Trees.describe(rootfs).stream()
                .map(line -> line.startsWith("c8/bundle.bin ") ? line.substring(0, line.indexOf(" 0:0 ") + 4) + " <binary>" : line)
                .map(line -> line.replace("\n", "\\n"))
                .filter(line -> line.matches("(c\\d+|bin|bin/vi|bin/busybox)[ /].*")).toList();
        assertThat(actual).containsExactlyElementsOf(expected());
        assertThat(Files.isSameFile(rootfs.resolve("c1/a"), rootfs.resolve("c1/hard"))).isTrue();
    }

    private static List<String> expected() throws IOException {
        try (InputStream in = BuildKitParityTest.class.getResourceAsStream("/copy/buildkit-parity.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).toList();
        }
    }

    private static CopyRequest copy(String dest, String chown, String chmod, String source) {
        return new CopyRequest(false, List.of(source), List.of(), dest, "/", chown, chmod, List.of(), false, null, false);
    }

    private static CopyRequest add(String dest, String source) {
        return new CopyRequest(true, List.of(source), List.of(), dest, "/", null, null, List.of(), false, null, false);
    }

    private static Path context(Path ctx) throws IOException {
        Trees.dir(ctx, "dir", 0755);
        Path a = Trees.file(ctx, "dir/a", "a\n", 0640);
        Files.createLink(ctx.resolve("dir/hard"), a);
        Trees.link(ctx, "dir/link", "a");
        FileOps.lchown(Trees.file(ctx, "dir/sub/b", "b\n", 0644), new Owner(1000, 1000));
        FileOps.chmod(ctx.resolve("dir/sub"), 0755);
        FileOps.lchown(Trees.file(ctx, "f", "f\n", 0755), new Owner(1000, 1000));
        Trees.file(ctx, "hom1.txt", "h1\n", 0644);
        Trees.file(ctx, "hom2.md", "h2\n", 0644);
        Files.write(ctx.resolve("bundle.bin"), new TarBuilder().file("inner", "inner\n", 0644, 7, 8)
                .bytes(AddTest.compressor("gzip")));
        Trees.link(ctx, "dirlink", "dir");
        return ctx;
    }

    private static Path busybox(Path rootfs) throws IOException {
        Trees.file(rootfs, "bin/busybox", "BUSYBOX", 0755);
        FileOps.chmod(rootfs.resolve("bin"), 0755);
        Trees.link(rootfs, "bin/vi", "/bin/busybox");
        Trees.file(rootfs, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n", 0644);
        Trees.file(rootfs, "etc/group", "root:x:0:\nnobody:x:65534:\n", 0644);
        return rootfs;
    }
}
