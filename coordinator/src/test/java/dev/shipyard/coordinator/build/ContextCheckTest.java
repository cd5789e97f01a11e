package dev.shipyard.coordinator.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextCheckTest {
    @TempDir
    Path dir;

    private Path file(byte[] bytes) throws IOException {
        return Files.write(dir.resolve("context.tar"), bytes);
    }

    @Test
    void inspect_plainTar_findsDockerfile() throws IOException {
        byte[] tar = TestTars.tar(Map.of("Dockerfile", "FROM scratch\n".getBytes(), "src/a.txt", "a".getBytes()));

        ContextCheck.Inspected inspected = ContextCheck.inspect(file(tar), "Dockerfile");

        assertThat(inspected.gzip()).isFalse();
        assertThat(inspected.entries()).isEqualTo(2);
        assertThat(new String(inspected.dockerfile().orElseThrow())).isEqualTo("FROM scratch\n");
        assertThat(inspected.digest()).isEqualTo(dev.shipyard.oci.Digest.sha256(tar));
    }

    @Test
    void inspect_gzipTar_detectedByMagic() throws IOException {
        byte[] tar = TestTars.gzip(TestTars.tar(Map.of("./build/Dockerfile.dev", "FROM scratch\n".getBytes())));

        ContextCheck.Inspected inspected = ContextCheck.inspect(file(tar), "build/Dockerfile.dev");

        assertThat(inspected.gzip()).isTrue();
        assertThat(inspected.dockerfile()).isPresent();
        // the digest is of the bytes as sent, compressed, trailing bytes included
        assertThat(inspected.digest()).isEqualTo(dev.shipyard.oci.Digest.sha256(tar));
    }

    @Test
    void inspect_notATar_isRefused() throws IOException {
        Path text = file("this is not a tar stream, just some text that goes on for a while".repeat(20).getBytes());

        assertThatThrownBy(() -> ContextCheck.inspect(text, "Dockerfile"))
                .isInstanceOf(BuildException.class).hasMessageStartingWith("context is not a tar stream");
    }

    @Test
    void inspect_corruptGzip_isRefused() throws IOException {
        byte[] gz = TestTars.gzip(TestTars.tar(Map.of("Dockerfile", "FROM scratch\n".getBytes())));
        byte[] truncated = java.util.Arrays.copyOf(gz, 40);

        assertThatThrownBy(() -> ContextCheck.inspect(file(truncated), "Dockerfile"))
                .isInstanceOf(BuildException.class).hasMessageStartingWith("context is not a tar stream");
    }

    @Test
    void inspect_parentPath_isRefused() throws IOException {
        Path tar = file(TestTars.tar(Map.of("a/../../etc/passwd", "x".getBytes())));

        assertThatThrownBy(() -> ContextCheck.inspect(tar, "Dockerfile"))
                .isInstanceOf(BuildException.class).hasMessageContaining("leaves the context")
                .extracting(e -> ((BuildException) e).detail()).isEqualTo(Map.of("entry", "a/../../etc/passwd"));
    }

    @Test
    void inspect_absolutePath_isRefused() throws IOException {
        Path tar = file(TestTars.tar(Map.of("/etc/passwd", "x".getBytes())));

        assertThatThrownBy(() -> ContextCheck.inspect(tar, "Dockerfile"))
                .isInstanceOf(BuildException.class).hasMessageContaining("absolute path");
    }

    @Test
    void inspect_dockerfileMissing_answersEmpty() throws IOException {
        Path tar = file(TestTars.tar(Map.of("other", "x".getBytes())));

        assertThat(ContextCheck.inspect(tar, "Dockerfile").dockerfile()).isEmpty();
    }
}
