package dev.shipyard.worker.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and odd tars, built with an independent tar writer. */
class LayerUnpackerTest {

    @TempDir
    Path tmp;
    Path target;
    Path outside;

    @BeforeEach
    void dirs() throws IOException {
        target = Files.createDirectory(tmp.resolve("target"));
        outside = Files.createDirectory(tmp.resolve("outside"));
    }

    /** Entries as (name, type, link or content) triples. */
    private static byte[] tar(String... spec) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (int i = 0; i < spec.length; i += 3) {
                byte type = (byte) spec[i + 1].charAt(0);
                TarArchiveEntry e = new TarArchiveEntry(spec[i], type, true);
                byte[] content = new byte[0];
                if (type == TarConstants.LF_NORMAL) {
                    content = spec[i + 2].getBytes(StandardCharsets.UTF_8);
                    e.setSize(content.length);
                } else {
                    e.setLinkName(spec[i + 2]);
                }
                e.setMode(type == TarConstants.LF_DIR ? 0755 : 0644);
                out.putArchiveEntry(e);
                out.write(content);
                out.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private void unpack(byte[] tar) throws IOException {
        new LayerUnpacker().unpack(new ByteArrayInputStream(tar), target);
    }

    @Test
    void components_dotsAndSlashes_normalized() throws IOException {
        assertThat(LayerUnpacker.components("./a/./b/")).containsExactly("a", "b");
        assertThat(LayerUnpacker.components("/abs/x")).containsExactly("abs", "x");
        assertThat(LayerUnpacker.components("./")).isEmpty();
    }

    @Test
    void unpack_dotDotName_rejectedAndNothingWrittenOutside() throws IOException {
        byte[] tar = tar("../outside/evil", "0", "pwned");

        assertThatThrownBy(() -> unpack(tar)).isInstanceOf(InvalidLayerException.class).hasMessageContaining("'..'");
        assertThat(outside.resolve("evil")).doesNotExist();
    }

    @Test
    void unpack_absoluteName_containedInTarget() throws IOException {
        unpack(tar(outside + "/evil", "0", "contained"));

        assertThat(outside.resolve("evil")).doesNotExist();
        assertThat(target.resolve(outside.toString().substring(1)).resolve("evil")).hasContent("contained");
    }

    @Test
    void unpack_fileThroughSymlink_rejected() throws IOException {
        byte[] tar = tar("link", "2", outside.toString(), "link/evil", "0", "pwned");

        assertThatThrownBy(() -> unpack(tar)).isInstanceOf(InvalidLayerException.class).hasMessageContaining("symlink");
        assertThat(outside.resolve("evil")).doesNotExist();
    }

    @Test
    void unpack_relativeSymlinkEscapeThenWrite_rejected() throws IOException {
        byte[] tar = tar("up", "2", "../outside", "up/evil", "0", "pwned");

        assertThatThrownBy(() -> unpack(tar)).isInstanceOf(InvalidLayerException.class);
        assertThat(outside.resolve("evil")).doesNotExist();
    }

    @Test
    void unpack_hardLinkOutside_rejected() throws IOException {
        Files.writeString(outside.resolve("secret"), "secret");
        byte[] tar = tar("h", "1", "../outside/secret");

        assertThatThrownBy(() -> unpack(tar)).isInstanceOf(InvalidLayerException.class);
        assertThat(target.resolve("h")).doesNotExist();
    }

    @Test
    void unpack_hardLinkThroughSymlink_rejected() throws IOException {
        Files.writeString(outside.resolve("secret"), "secret");
        byte[] tar = tar("link", "2", outside.toString(), "h", "1", "link/secret");

        assertThatThrownBy(() -> unpack(tar)).isInstanceOf(InvalidLayerException.class).hasMessageContaining("symlink");
    }

    @Test
    void unpack_symlinkReplacedByFile_fileDoesNotFollowLink() throws IOException {
        Files.writeString(outside.resolve("victim"), "intact");
        unpack(tar("f", "2", outside.resolve("victim").toString(), "f", "0", "new"));

        assertThat(outside.resolve("victim")).hasContent("intact");
        assertThat(target.resolve("f")).hasContent("new");
        assertThat(Files.isSymbolicLink(target.resolve("f"))).isFalse();
    }

    @Test
    void unpack_whiteoutOfDotDot_rejected() throws IOException {
        byte[] tar = tar("a/", "5", "", "a/.wh..", "0", "");

        assertThatThrownBy(() -> unpack(tar)).isInstanceOf(InvalidLayerException.class);
    }

    @Test
    void unpack_plainGzipAndZstd_sameDiffId() throws IOException {
        byte[] plain = tar("d/", "5", "", "d/f", "0", "hello");
        var expected = dev.shipyard.oci.Digest.sha256(plain);
        for (Compression c : Compression.values()) {
            ByteArrayOutputStream packed = new ByteArrayOutputStream();
            try (var out = c.compress(packed)) {
                out.write(plain);
            }
            Path dir = Files.createDirectory(tmp.resolve("t-" + c));
            assertThat(new LayerUnpacker().unpack(new ByteArrayInputStream(packed.toByteArray()), dir)).isEqualTo(expected);
            assertThat(dir.resolve("d/f")).hasContent("hello");
        }
    }
}
