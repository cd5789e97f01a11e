package dev.shipyard.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipyard.oci.Digest;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A context of 256 MiB streams through to the blob store with the digest computed on the way. */
@Timeout(300)
class LargeContextIT {
    private static final Logger log = LoggerFactory.getLogger(LargeContextIT.class);
    private static final int MIB = 1 << 20;
    private static final int SIZE_MIB = 256;

    @TempDir
    Path dir;

    @Test
    void submit_largeContext_isStoredUnderItsDigest() throws Exception {
        Path tar = dir.resolve("context.tar");
        Digest expected = writeContext(tar);
        try (Farm farm = new Farm(dir.resolve("farm"), 1L << 30)) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(farm.base(0) + "/v1/builds"))
                    .POST(HttpRequest.BodyPublishers.ofFile(tar)).build();

            long start = System.nanoTime();
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .sendAsync(request, HttpResponse.BodyHandlers.ofString()).get(240, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;

            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            String id = new ObjectMapper().readTree(response.body()).get("id").asText();
            assertThat(farm.blobs.has(expected)).isTrue();
            assertThat(farm.blobs.stat(expected).orElseThrow().size()).isEqualTo(Files.size(tar));
            log.info("accepted build {} with a {} MiB context in {} s ({} MiB/s)", id, Files.size(tar) / MIB,
                    String.format("%.2f", seconds), String.format("%.0f", Files.size(tar) / MIB / seconds));
        }
    }

    private static Digest writeContext(Path file) throws Exception {
        MessageDigest sha256 = Digest.newSha256();
        byte[] chunk = new byte[MIB];
        new Random(42).nextBytes(chunk);
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha256);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            byte[] dockerfile = "FROM scratch\nCOPY big /big\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry("Dockerfile");
            entry.setSize(dockerfile.length);
            tar.putArchiveEntry(entry);
            tar.write(dockerfile);
            tar.closeArchiveEntry();
            TarArchiveEntry big = new TarArchiveEntry("big");
            big.setSize((long) SIZE_MIB * MIB);
            tar.putArchiveEntry(big);
            for (int i = 0; i < SIZE_MIB; i++) {
                tar.write(chunk);
            }
            tar.closeArchiveEntry();
        }
        return Digest.ofHash(sha256.digest());
    }
}
