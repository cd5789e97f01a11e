package dev.shipyard.worker.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

class TarWriterTest {

    private static byte[] tar(TarHeader... headers) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarWriter writer = new TarWriter(out)) {
            for (TarHeader h : headers) {
                writer.write(h, h.size() == 0 ? null : new ByteArrayInputStream(new byte[(int) h.size()]));
            }
        }
        return out.toByteArray();
    }

    private static List<TarArchiveEntry> read(byte[] tar) throws IOException {
        List<TarArchiveEntry> entries = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.add(e);
            }
        }
        return entries;
    }

    @Test
    void write_sameHeaders_sameBytes() throws IOException {
        TarHeader file = TarHeader.file("etc/hosts", 0644, 0, 0, 10, 1_700_000_000L);
        assertThat(tar(file)).isEqualTo(tar(file));
    }

    @Test
    void write_shortEntry_hasNoUserOrGroupNamesAndNoPaxRecord() throws IOException {
        byte[] bytes = tar(TarHeader.file("a", 04755, 1000, 1000, 3, 1_700_000_000L));
        assertThat(bytes[156]).isEqualTo((byte) '0');
        assertThat(Arrays.copyOfRange(bytes, 265, 329)).containsOnly(0);
        assertThat(new String(bytes, 257, 5, StandardCharsets.US_ASCII)).isEqualTo("ustar");
        TarArchiveEntry entry = read(bytes).get(0);
        assertThat(entry.getMode()).isEqualTo(04755);
        assertThat(entry.getLongUserId()).isEqualTo(1000);
        assertThat(entry.getModTime().toInstant().getEpochSecond()).isEqualTo(1_700_000_000L);
        assertThat(bytes).hasSize(512 + 512 + 1024);
    }

    @Test
    void write_longNameAndLink_usesPaxRecords() throws IOException {
        String longName = "dir/" + "n".repeat(180);
        String longTarget = "/" + "t".repeat(150);
        TarHeader symlink = new TarHeader(longName, TarHeader.Type.SYMLINK, 0777, 0, 0, 0, 5, longTarget, 0, 0, Map.of());
        byte[] bytes = tar(symlink);
        assertThat(bytes[156]).isEqualTo((byte) 'x');
        TarArchiveEntry entry = read(bytes).get(0);
        assertThat(entry.getName()).isEqualTo(longName);
        assertThat(entry.getLinkName()).isEqualTo(longTarget);
        assertThat(entry.isSymbolicLink()).isTrue();
    }

    @Test
    void write_xattrs_storedAsSortedRawSchilyRecords() throws IOException {
        byte[] capability = {1, 0, 0, 2, (byte) 0x80, (byte) 0xff, 0, 0};
        Map<String, byte[]> xattrs = new LinkedHashMap<>();
        xattrs.put("user.z", "last".getBytes(StandardCharsets.UTF_8));
        xattrs.put("security.capability", capability);
        byte[] bytes = tar(TarHeader.file("bin/ping", 0755, 0, 0, 0, 0).withXattrs(xattrs));
        byte[] body = Arrays.copyOfRange(bytes, 512, 1024);
        String text = new String(body, StandardCharsets.ISO_8859_1);
        assertThat(text.indexOf("SCHILY.xattr.security.capability=")).isLessThan(text.indexOf("SCHILY.xattr.user.z="));
        int valueAt = text.indexOf("capability=") + "capability=".length();
        assertThat(Arrays.copyOfRange(body, valueAt, valueAt + capability.length)).isEqualTo(capability);
        assertThat(read(bytes).get(0).getExtraPaxHeaders()).containsEntry("SCHILY.xattr.user.z", "last");
    }

    @Test
    void encodePax_lengthCrossesDigitBoundary_countsItsOwnDigits() {
        for (int valueLength = 85; valueLength < 100; valueLength++) {
            Map<String, byte[]> record = Map.of("path", "p".repeat(valueLength).getBytes(StandardCharsets.UTF_8));
            byte[] encoded = TarWriter.encodePax(record);
            String text = new String(encoded, StandardCharsets.UTF_8);
            assertThat(Integer.parseInt(text.substring(0, text.indexOf(' ')))).isEqualTo(encoded.length);
        }
    }

    @Test
    void write_deviceNode_keepsMajorAndMinor() throws IOException {
        TarHeader null_ = new TarHeader("dev/null", TarHeader.Type.CHAR_DEVICE, 0666, 0, 0, 0, 0, "", 1, 3, Map.of());
        TarArchiveEntry entry = read(tar(null_)).get(0);
        assertThat(entry.isCharacterDevice()).isTrue();
        assertThat(entry.getDevMajor()).isEqualTo(1);
        assertThat(entry.getDevMinor()).isEqualTo(3);
    }

    @Test
    void tarHeader_absoluteName_rejected() {
        assertThatThrownBy(() -> TarHeader.file("/etc/passwd", 0644, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be relative");
    }

    @Test
    void tarHeader_modeWithTypeBits_keepsOnlyPermissionBits() {
        assertThat(TarHeader.file("a", 0100755 | 04000, 0, 0, 0, 0).mode()).isEqualTo(04755);
    }
}
