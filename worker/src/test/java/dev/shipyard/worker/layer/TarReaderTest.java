package dev.shipyard.worker.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

class TarReaderTest {

    private static List<TarReader.Entry> readAll(byte[] tar, List<String> contents) throws IOException {
        TarReader reader = new TarReader(new ByteArrayInputStream(tar));
        List<TarReader.Entry> entries = new ArrayList<>();
        TarReader.Entry e;
        while ((e = reader.next()) != null) {
            entries.add(e);
            contents.add(new String(reader.content().readAllBytes(), StandardCharsets.UTF_8));
        }
        return entries;
    }

    @Test
    void next_gnuLongNamesAndBigIds_decoded() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String longName = "x/".repeat(80) + "file";
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_STAR);
            TarArchiveEntry e = new TarArchiveEntry(longName);
            e.setSize(5);
            e.setUserId(100_000_000L);
            out.putArchiveEntry(e);
            out.write("hello".getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
        }
        List<String> contents = new ArrayList<>();

        List<TarReader.Entry> entries = readAll(bytes.toByteArray(), contents);

        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).name()).isEqualTo(longName);
        assertThat(entries.get(0).uid()).isEqualTo(100_000_000L);
        assertThat(contents).containsExactly("hello");
    }

    @Test
    void next_ownWriterOutput_roundTripsHeaders() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] binary = {0, (byte) 0x80, (byte) 0xff, '\n', '='};
        try (TarWriter writer = new TarWriter(bytes)) {
            writer.write(TarHeader.file("a/" + "n".repeat(120), 04711, 7, 8, 3, 1_600_000_000L)
                    .withXattrs(Map.of("user.bin", binary)), new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8)));
            writer.write(new TarHeader("l", TarHeader.Type.HARD_LINK, 0644, 0, 0, 0, 0, "a/" + "n".repeat(120), 0, 0, Map.of()), null);
        }
        List<String> contents = new ArrayList<>();

        List<TarReader.Entry> entries = readAll(bytes.toByteArray(), contents);

        TarReader.Entry file = entries.get(0);
        assertThat(file.name()).isEqualTo("a/" + "n".repeat(120));
        assertThat(file.mode()).isEqualTo(04711);
        assertThat(file.uid()).isEqualTo(7);
        assertThat(file.mtime().getEpochSecond()).isEqualTo(1_600_000_000L);
        assertThat(file.xattrs().get("user.bin")).isEqualTo(binary);
        assertThat(entries.get(1).type()).isEqualTo('1');
        assertThat(entries.get(1).linkName()).isEqualTo(file.name());
        assertThat(contents).containsExactly("abc", "");
    }

    @Test
    void next_corruptHeader_rejected() {
        byte[] garbage = new byte[1024];
        java.util.Arrays.fill(garbage, 0, 512, (byte) 'z');

        assertThatThrownBy(() -> new TarReader(new ByteArrayInputStream(garbage)).next())
                .isInstanceOf(InvalidLayerException.class)
                .hasMessageContaining("checksum");
    }
}
