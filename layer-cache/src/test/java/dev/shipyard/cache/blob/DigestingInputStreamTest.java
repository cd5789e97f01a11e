package dev.shipyard.cache.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestingInputStreamTest {
    private static final byte[] BYTES = "hello, shipyard".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @Test
    void read_mixedCallsAndSkip_hashesAndCountsEveryByte() throws IOException {
        DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(BYTES));

        in.read();
        in.skip(3);
        in.read(new byte[4], 0, 4);
        in.readAllBytes();

        assertThat(in.count()).isEqualTo(BYTES.length);
        assertThat(in.digest()).isEqualTo(Digest.sha256(BYTES));
    }

    @Test
    void verifying_matchingBytes_readsToTheEnd() throws IOException {
        List<Digest> corrupt = new ArrayList<>();
        InputStream in = new VerifyingInputStream(new ByteArrayInputStream(BYTES), Digest.sha256(BYTES), BYTES.length,
                "test", (expected, actual) -> corrupt.add(actual));

        assertThat(in.readAllBytes()).isEqualTo(BYTES);
        assertThat(corrupt).isEmpty();
    }

    @Test
    void verifying_alteredBytes_throwsAtTheEndAndReportsCorruption() {
        List<Digest> corrupt = new ArrayList<>();
        byte[] altered = BYTES.clone();
        altered[0] = 'H';
        InputStream in = new VerifyingInputStream(new ByteArrayInputStream(altered), Digest.sha256(BYTES), -1,
                "test blob", (expected, actual) -> corrupt.add(actual));

        assertThatThrownBy(in::readAllBytes).isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining("test blob").hasMessageContaining(Digest.sha256(altered).toString());
        assertThat(corrupt).containsExactly(Digest.sha256(altered));
    }

    @Test
    void verifying_readerStopsAtTheKnownSize_stillVerifies() {
        byte[] altered = BYTES.clone();
        altered[3] = 'X';
        InputStream in = new VerifyingInputStream(new ByteArrayInputStream(altered), Digest.sha256(BYTES), BYTES.length,
                "test", (expected, actual) -> { });

        assertThatThrownBy(() -> in.readNBytes(BYTES.length)).isInstanceOf(DigestMismatchException.class);
    }
}
