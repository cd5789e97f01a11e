package dev.shipyard.worker.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootedPathTest {

    @TempDir
    Path root;

    @Test
    void resolve_dotDotAboveRoot_isClamped() {
        assertThat(RootedPath.resolve(root, "/../../etc/passwd")).isEqualTo(root.resolve("etc/passwd"));
    }

    @Test
    void resolve_absoluteAndRelativeLinks_stayInRoot() throws IOException {
        Files.createDirectories(root.resolve("usr/lib"));
        Trees.link(root, "lib", "/usr/lib");
        Trees.link(root, "usr/up", "../../../..");

        assertThat(RootedPath.resolve(root, "lib/x")).isEqualTo(root.resolve("usr/lib/x"));
        assertThat(RootedPath.resolve(root, "usr/up/etc")).isEqualTo(root.resolve("etc"));
    }

    @Test
    void resolveParent_keepsLastSymlink() throws IOException {
        Trees.link(root, "a", "/b");

        assertThat(RootedPath.resolve(root, "a")).isEqualTo(root.resolve("b"));
        assertThat(RootedPath.resolveParent(root, "a")).isEqualTo(root.resolve("a"));
    }

    @Test
    void resolve_linkLoop_failsClearly() throws IOException {
        Trees.link(root, "loop", "loop");

        assertThatThrownBy(() -> RootedPath.resolve(root, "loop/x"))
                .isInstanceOf(CopyException.class)
                .hasMessage("could not resolve loop/x: too many levels of symbolic links");
    }

    @Test
    void cleanAbsolute_behavesLikeGoPathClean() {
        assertThat(RootedPath.cleanAbsolute("a/./b/../c/")).isEqualTo("/a/c");
        assertThat(RootedPath.cleanAbsolute("../..")).isEqualTo("/");
        assertThat(RootedPath.cleanAbsolute("")).isEqualTo("/");
    }
}
