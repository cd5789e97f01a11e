package dev.shipyard.worker.layer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipyard.worker.fs.Posix;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerWriterTest {

    @TempDir
    Path dir;

    private List<TarArchiveEntry> entries(LayerOptions options, boolean diff) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new LayerWriter(options).writeTar(dir, diff, out);
        List<TarArchiveEntry> entries = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.add(e);
            }
        }
        return entries;
    }

    @Test
    void writeTar_mixedNames_depthFirstInByteOrder() throws IOException {
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("a.txt"), "x");
        Files.writeString(dir.resolve("B"), "x");
        Files.writeString(dir.resolve("a/b/c"), "x");
        Files.writeString(dir.resolve("a/Z"), "x");
        Files.writeString(dir.resolve("-dash"), "x");

        List<String> names = entries(LayerOptions.defaults(), false).stream().map(TarArchiveEntry::getName).toList();

        assertThat(names).containsExactly("-dash", "B", "a/", "a/Z", "a/b/", "a/b/c", "a.txt");
    }

    @Test
    void writeTar_sourceDateEpoch_clampsOnlyNewerMtimes() throws IOException {
        Path old = Files.writeString(dir.resolve("old"), "x");
        Path fresh = Files.writeString(dir.resolve("fresh"), "x");
        Posix.setMtime(old, Instant.ofEpochSecond(1_000_000_000L));
        Posix.setMtime(fresh, Instant.ofEpochSecond(1_900_000_000L));
        LayerOptions options = LayerOptions.defaults().withSourceDateEpoch(Instant.ofEpochSecond(1_500_000_000L));

        List<TarArchiveEntry> entries = entries(options, false);

        assertThat(entries.get(0).getName()).isEqualTo("fresh");
        assertThat(entries.get(0).getModTime().toInstant().getEpochSecond()).isEqualTo(1_500_000_000L);
        assertThat(entries.get(1).getModTime().toInstant().getEpochSecond()).isEqualTo(1_000_000_000L);
    }

    @Test
    void writeTar_hardLinks_secondOccurrenceIsLinkEntry() throws IOException {
        Files.writeString(dir.resolve("first"), "shared");
        Files.createLink(dir.resolve("second"), dir.resolve("first"));

        List<TarArchiveEntry> entries = entries(LayerOptions.defaults(), false);

        assertThat(entries.get(0).isFile()).isTrue();
        assertThat(entries.get(0).getSize()).isEqualTo(6);
        assertThat(entries.get(1).isLink()).isTrue();
        assertThat(entries.get(1).getLinkName()).isEqualTo("first");
        assertThat(entries.get(1).getSize()).isZero();
    }

    @Test
    void writeTar_symlinkToOutside_storedNotFollowed() throws IOException {
        Files.createSymbolicLink(dir.resolve("passwd"), Path.of("/etc/passwd"));

        TarArchiveEntry entry = entries(LayerOptions.defaults(), false).get(0);

        assertThat(entry.isSymbolicLink()).isTrue();
        assertThat(entry.getLinkName()).isEqualTo("/etc/passwd");
        assertThat(entry.getSize()).isZero();
    }

    @Test
    void writeTar_userNamesAndGroupNames_neverWritten() throws IOException {
        Files.writeString(dir.resolve("f"), "x");

        TarArchiveEntry entry = entries(LayerOptions.defaults(), false).get(0);

        assertThat(entry.getUserName()).isEmpty();
        assertThat(entry.getGroupName()).isEmpty();
    }

    @Test
    void writeDirectory_layerFile_digestsMatchBytesAndNoPartialLeft() throws IOException {
        Files.writeString(dir.resolve("f"), "content");
        Path out = Files.createTempDirectory("shipyard-layer-out");
        try {
            FileLayer layer = new LayerWriter(LayerOptions.defaults()).writeDirectory(dir, out.resolve("layer.tar.gz"));

            byte[] blob = Files.readAllBytes(layer.file());
            assertThat(layer.digest()).isEqualTo(dev.shipyard.oci.Digest.sha256(blob));
            assertThat(layer.size()).isEqualTo(blob.length);
            ByteArrayOutputStream tar = new ByteArrayOutputStream();
            try (var in = Compression.decompress(layer.open())) {
                in.transferTo(tar);
            }
            assertThat(layer.diffId()).isEqualTo(dev.shipyard.oci.Digest.sha256(tar.toByteArray()));
            assertThat(layer.descriptor().mediaType()).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
            try (var files = Files.list(out)) {
                assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("layer.tar.gz");
            }
        } finally {
            LayerUnpacker.deleteTree(out);
        }
    }

    @Test
    void parseSourceDateEpoch_blank_unset() {
        assertThat(LayerOptions.parseSourceDateEpoch(" ")).isNull();
        assertThat(LayerOptions.parseSourceDateEpoch("1700000000")).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    }
}
