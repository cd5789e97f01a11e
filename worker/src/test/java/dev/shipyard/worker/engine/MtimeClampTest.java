package dev.shipyard.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MtimeClampTest {
    private static final Instant EPOCH = Instant.ofEpochSecond(1_700_000_000L);

    @TempDir
    Path root;

    @Test
    void clamp_newerEntries_setToLimitOlderKept() throws Exception {
        Path dir = Files.createDirectories(root.resolve("etc/sub"));
        Path fresh = Files.writeString(dir.resolve("fresh.txt"), "now");
        Path old = Files.writeString(root.resolve("etc/old.txt"), "old");
        Files.setLastModifiedTime(old, FileTime.from(Instant.ofEpochSecond(1_000)));
        Path target = Files.writeString(root.resolve("outside.txt"), "kept");
        Files.setLastModifiedTime(target, FileTime.from(Instant.ofEpochSecond(2_000)));
        Path link = Files.createSymbolicLink(root.resolve("etc/link"), target);

        MtimeClamp.clamp(root, EPOCH);

        assertThat(mtime(fresh)).isEqualTo(EPOCH);
        assertThat(mtime(dir)).isEqualTo(EPOCH);
        assertThat(mtime(root.resolve("etc"))).isEqualTo(EPOCH);
        assertThat(mtime(root)).isEqualTo(EPOCH);
        assertThat(mtime(link)).isEqualTo(EPOCH);
        assertThat(mtime(old)).isEqualTo(Instant.ofEpochSecond(1_000));
        assertThat(mtime(target)).as("a symlink's target is not touched through the link")
                .isEqualTo(Instant.ofEpochSecond(2_000));
    }

    private static Instant mtime(Path path) throws Exception {
        return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant();
    }
}
