package dev.shipyard.worker.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountStubsTest {
    @TempDir
    Path temp;
    Path rootfs;

    @BeforeEach
    void setUp() throws Exception {
        rootfs = Files.createDirectories(temp.resolve("rootfs"));
        Files.createDirectories(rootfs.resolve("etc"));
    }

    @Test
    void close_createdStubs_areRemovedWithTheirNewParents() throws Exception {
        try (MountStubs stubs = new MountStubs(rootfs)) {
            assertThat(stubs.inRootfs(stubs.ensure("/etc/hosts", MountStubs.Kind.FILE))).isEqualTo("/etc/hosts");
            stubs.ensure("/run/secrets/token", MountStubs.Kind.FILE);
            stubs.ensure("/cache/go", MountStubs.Kind.DIRECTORY);
            assertThat(rootfs.resolve("run/secrets/token")).isRegularFile();
            assertThat(rootfs.resolve("cache/go")).isDirectory();
        }
        assertThat(rootfs.resolve("etc/hosts")).doesNotExist();
        assertThat(rootfs.resolve("run")).doesNotExist();
        assertThat(rootfs.resolve("cache")).doesNotExist();
        assertThat(rootfs.resolve("etc")).isDirectory();
    }

    @Test
    void close_existingFilesAndWrittenStubs_areKept() throws Exception {
        Files.writeString(rootfs.resolve("etc/hosts"), "image's own");
        try (MountStubs stubs = new MountStubs(rootfs)) {
            stubs.ensure("/etc/hosts", MountStubs.Kind.FILE);
            stubs.ensure("/data/mnt", MountStubs.Kind.DIRECTORY);
            Files.writeString(rootfs.resolve("data/kept"), "written by the step");
        }
        assertThat(rootfs.resolve("etc/hosts")).hasContent("image's own");
        assertThat(rootfs.resolve("data/kept")).exists();
        assertThat(rootfs.resolve("data/mnt")).doesNotExist();
    }

    @Test
    void ensure_symlinkedTarget_isCreatedInsideTheRootfs() throws Exception {
        Path outside = temp.resolve("outside");
        Files.createSymbolicLink(rootfs.resolve("etc/resolv.conf"), outside);
        try (MountStubs stubs = new MountStubs(rootfs)) {
            Path target = stubs.ensure("/etc/resolv.conf", MountStubs.Kind.FILE);
            assertThat(target).startsWith(rootfs);
            assertThat(outside).doesNotExist();
        }
    }

    @Test
    void workdir_missing_isCreatedAndKept() throws Exception {
        Workdir.ensure(rootfs, "/srv/app", new SandboxUser(0, 0));
        assertThat(rootfs.resolve("srv/app")).isDirectory();
    }
}
