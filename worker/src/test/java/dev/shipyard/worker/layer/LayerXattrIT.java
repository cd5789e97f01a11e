package dev.shipyard.worker.layer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipyard.worker.fs.Posix;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extended attributes through pack and unpack, including binary file capabilities (needs root). */
class LayerXattrIT {

    /** VFS_CAP_REVISION_2 | effective; permitted = cap_setuid and cap_net_bind_service (byte 0x80 is not UTF-8). */
    private static final byte[] CAPABILITY = {1, 0, 0, 2, (byte) 0x80, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    @TempDir
    Path tmp;

    @Test
    void unpack_binaryCapabilityAndUserXattr_restoredByteForByte() throws IOException {
        Path source = Files.createDirectory(tmp.resolve("source"));
        Path ping = Files.writeString(source.resolve("ping"), "binary");
        Posix.setXattr(ping, "security.capability", CAPABILITY);
        Posix.setXattr(ping, "user.note", "été".getBytes(StandardCharsets.UTF_8));
        FileLayer layer = new LayerWriter(LayerOptions.defaults()).writeDirectory(source, tmp.resolve("layer.tar.gz"));

        Path target = Files.createDirectory(tmp.resolve("target"));
        try (InputStream in = layer.open()) {
            assertThat(new LayerUnpacker().unpack(in, target)).isEqualTo(layer.diffId());
        }

        assertThat(Posix.getXattr(target.resolve("ping"), "security.capability")).isEqualTo(CAPABILITY);
        assertThat(Posix.getXattr(target.resolve("ping"), "user.note")).isEqualTo("été".getBytes(StandardCharsets.UTF_8));
    }
}
