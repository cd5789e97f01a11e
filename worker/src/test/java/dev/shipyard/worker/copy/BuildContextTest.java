package dev.shipyard.worker.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.dockerfile.ignore.DockerIgnore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildContextTest {

    @TempDir
    Path tmp;

    Path unpack(byte[] tar, DockerIgnore ignore) throws IOException {
        return unpack(tar, ignore, "ctx");
    }

    Path unpack(byte[] tar, DockerIgnore ignore, String name) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve(name));
        BuildContext.unpack(new ByteArrayInputStream(tar), dir, ignore);
        return dir;
    }

    @Test
    void unpack_gzipTarWithDockerignore_leavesIgnoredFilesOutAndMakesThemUncopyable() throws IOException {
        byte[] tar = new TarBuilder().file("Dockerfile", "FROM scratch", 0644, 1000, 1000)
                .file("app/main.go", "main", 0640, 1000, 1000).file("secrets/key", "k", 0600, 1000, 1000)
                .file("debug.log", "log", 0644, 1000, 1000).bytes(AddTest.compressor("gzip"));

        Path ctx = unpack(tar, DockerIgnore.parse(".dockerignore", "secrets\n*.log\n"));

        assertThat(Trees.describe(ctx)).containsExactly("Dockerfile file 644 0:0 FROM scratch", "app dir 755 0:0",
                "app/main.go file 640 0:0 main");
        Path rootfs = Files.createDirectory(tmp.resolve("rootfs"));
        assertThatThrownBy(() -> new CopyExecutor().execute(CopyExecutorTest.copy("/s/", "secrets/key"),
                SourceRoot.context(ctx), rootfs))
                .isInstanceOf(CopyException.class).hasMessage("could not copy \"/secrets/key\": not found");
    }

    @Test
    void unpack_dotDotEntry_isRefused() {
        assertThatThrownBy(() -> unpack(new TarBuilder().file("a/../../x", "x", 0644, 0, 0).bytes(), DockerIgnore.none()))
                .isInstanceOf(CopyException.class)
                .hasMessage("could not extract build context: entry \"a/../../x\" points outside the destination");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void unpack_absoluteEntry_isRefused() {
        assertThatThrownBy(() -> unpack(new TarBuilder().file("/abs", "x", 0644, 0, 0).bytes(), DockerIgnore.none()))
                .isInstanceOf(CopyException.class)
                .hasMessage("could not extract build context: entry \"/abs\" points outside the destination");
    }

    @Test
    void unpack_symlinkClimbingOut_isRefusedButInsideLinksAreKept() throws IOException {
        assertThatThrownBy(() -> unpack(new TarBuilder().symlink("sub/out", "../../etc/passwd").bytes(),
                DockerIgnore.none()))
                .isInstanceOf(CopyException.class)
                .hasMessage("could not extract build context: symlink \"sub/out\" -> \"../../etc/passwd\" points outside the root");

        assertThat(tmp.resolve("ctx/sub")).doesNotExist();
        Path ctx = unpack(new TarBuilder().file("sub/f", "f", 0644, 0, 0).symlink("sub/in", "../sub/f").bytes(),
                DockerIgnore.none(), "ctx2");
        assertThat(Trees.describe(ctx)).containsExactly("sub dir 755 0:0", "sub/f file 644 0:0 f",
                "sub/in symlink 777 0:0 -> ../sub/f");
    }

    @Test
    void materialize_directoryWithDockerignore_copiesOnlySelectedFiles() throws IOException {
        Path source = Files.createDirectory(tmp.resolve("source"));
        Trees.file(source, "Dockerfile", "FROM scratch", 0644);
        Trees.file(source, "src/x.c", "x", 0600);
        Trees.file(source, "build/out.o", "o", 0644);
        Trees.file(source, "build/keep.txt", "keep", 0644);
        Trees.link(source, "src/alias", "x.c");
        Path dir = Files.createDirectory(tmp.resolve("ctx"));

        BuildContext.materialize(source, DockerIgnore.parse(".dockerignore", "build\n!build/keep.txt\n"), dir);

        assertThat(Trees.describe(dir)).containsExactly("Dockerfile file 644 0:0 FROM scratch", "build dir 755 0:0",
                "build/keep.txt file 644 0:0 keep", "src dir 755 0:0", "src/alias symlink 777 0:0 -> x.c",
                "src/x.c file 600 0:0 x");
    }
}
