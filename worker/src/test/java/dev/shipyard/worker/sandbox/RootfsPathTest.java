package dev.shipyard.worker.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootfsPathTest {
    @TempDir
    Path temp;
    Path rootfs;

    @BeforeEach
    void setUp() throws IOException {
        rootfs = Files.createDirectories(temp.resolve("rootfs"));
        Files.createDirectories(rootfs.resolve("etc"));
        Files.createDirectories(rootfs.resolve("run/systemd"));
    }

    @Test
    void resolve_plainPath_isUnderTheRootfs() throws IOException {
        assertThat(RootfsPath.resolve(rootfs, "/etc/hosts")).isEqualTo(rootfs.resolve("etc/hosts"));
    }

    @Test
    void resolve_absoluteSymlink_isReadInsideTheRootfs() throws IOException {
        Files.createSymbolicLink(rootfs.resolve("etc/resolv.conf"), Path.of("/run/systemd/resolv.conf"));
        assertThat(RootfsPath.resolve(rootfs, "/etc/resolv.conf")).isEqualTo(rootfs.resolve("run/systemd/resolv.conf"));
    }

    @Test
    void resolve_dotDotBeyondRoot_staysAtTheRoot() throws IOException {
        Files.createSymbolicLink(rootfs.resolve("etc/escape"), Path.of("../../../../etc/shadow"));
        assertThat(RootfsPath.resolve(rootfs, "/etc/escape")).isEqualTo(rootfs.resolve("etc/shadow"));
        assertThat(RootfsPath.resolve(rootfs, "/../../x")).isEqualTo(rootfs.resolve("x"));
    }

    @Test
    void resolve_symlinkLoop_fails() throws IOException {
        Files.createSymbolicLink(rootfs.resolve("a"), Path.of("/b"));
        Files.createSymbolicLink(rootfs.resolve("b"), Path.of("/a"));
        assertThatThrownBy(() -> RootfsPath.resolve(rootfs, "/a")).hasMessageContaining("too many symbolic links");
    }
}
