package dev.shipyard.oci.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipyard.oci.OciJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks archives Shipyard writes with the real tools that read them: skopeo and umoci (scripts/install-deps.sh). */
class ImageArchiveToolsIT {

    @TempDir
    Path dir;

    private final TestImages images = new TestImages();
    private TestImages.Layer layer;
    private ArchiveImage image;

    @BeforeAll
    static void toolsInstalled() {
        for (String tool : List.of("skopeo", "umoci", "tar")) {
            boolean found = Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
            assertThat(found).as("%s is not on PATH: run scripts/install-deps.sh as root", tool).isTrue();
        }
    }

    @BeforeEach
    void writeImage() {
        layer = images.layer(Map.of("hello.txt", "hello from shipyard\n", "etc/motd", "built by shipyard\n"));
        image = images.image(List.of("shipyard.test/it/app:1.0"), layer);
    }

    private Path write(ArchiveFormat format) throws IOException {
        Path file = dir.resolve(format.name().toLowerCase() + ".tar");
        try (var out = Files.newOutputStream(file)) {
            ImageArchiveWriter.write(out, format, List.of(image), images.source());
        }
        return file;
    }

    @Test
    void skopeoInspect_ociArchive_reportsManifestDigestAndLayer() throws Exception {
        Path archive = write(ArchiveFormat.OCI);
        JsonNode inspect = json(run("skopeo", "inspect", "oci-archive:" + archive));
        assertThat(inspect.path("Digest").asText()).isEqualTo(image.manifest().digest().toString());
        assertThat(inspect.path("Layers")).extracting(JsonNode::asText).containsExactly(layer.descriptor().digest().toString());
        assertThat(inspect.path("Architecture").asText()).isEqualTo("amd64");

        JsonNode config = json(run("skopeo", "inspect", "--config", "--raw", "oci-archive:" + archive));
        assertThat(config.path("rootfs").path("diff_ids")).extracting(JsonNode::asText).containsExactly(layer.diffId().toString());
    }

    @Test
    void skopeoInspect_dockerArchive_reportsLayerAndTag() throws Exception {
        Path archive = write(ArchiveFormat.DOCKER);
        JsonNode inspect = json(run("skopeo", "inspect", "docker-archive:" + archive));
        // skopeo decompresses docker-archive layers and names them by diffID
        assertThat(inspect.path("Layers")).extracting(JsonNode::asText).containsExactly(layer.diffId().toString());
        assertThat(inspect.path("Env")).extracting(JsonNode::asText).anyMatch(e -> e.startsWith("PATH="));

        JsonNode config = json(run("skopeo", "inspect", "--config", "--raw", "docker-archive:" + archive));
        assertThat(config.path("rootfs").path("diff_ids")).extracting(JsonNode::asText).containsExactly(layer.diffId().toString());
        String rawConfig = run("skopeo", "inspect", "--config", "--raw", "docker-archive:" + archive);
        assertThat(rawConfig.trim().getBytes(StandardCharsets.UTF_8)).isEqualTo(image.config().bytes());

        JsonNode named = json(run("skopeo", "inspect", "docker-archive:" + archive + ":shipyard.test/it/app:1.0"));
        assertThat(named.path("Layers")).hasSize(1);
    }

    @Test
    void skopeoCopy_dockerArchiveToOciLayout_unpacksWithUmoci() throws Exception {
        Path archive = write(ArchiveFormat.DOCKER);
        Path layout = dir.resolve("from-docker");
        run("skopeo", "copy", "docker-archive:" + archive, "oci:" + layout + ":copied");
        Path bundle = dir.resolve("bundle-from-docker");
        run("umoci", "unpack", "--image", layout + ":copied", bundle.toString());
        assertThat(Files.readString(bundle.resolve("rootfs/hello.txt"))).isEqualTo("hello from shipyard\n");
    }

    @Test
    void umociUnpack_extractedOciLayout_producesTheLayerFiles() throws Exception {
        Path archive = write(ArchiveFormat.OCI);
        Path layout = Files.createDirectory(dir.resolve("layout"));
        run("tar", "-xf", archive.toString(), "-C", layout.toString());
        Path bundle = dir.resolve("bundle");
        run("umoci", "unpack", "--image", layout + ":1.0", bundle.toString());
        assertThat(Files.readString(bundle.resolve("rootfs/hello.txt"))).isEqualTo("hello from shipyard\n");
        assertThat(Files.readString(bundle.resolve("rootfs/etc/motd"))).isEqualTo("built by shipyard\n");
        JsonNode runtime = json(Files.readString(bundle.resolve("config.json")));
        assertThat(runtime.path("process").path("args")).extracting(JsonNode::asText).containsExactly("/bin/sh");
    }

    @Test
    void readBack_archiveCopiedBySkopeo_readsTheSameImage() throws Exception {
        Path archive = write(ArchiveFormat.OCI);
        Path copied = dir.resolve("copied.tar");
        run("skopeo", "copy", "oci-archive:" + archive, "docker-archive:" + copied + ":shipyard.test/it/app:1.0");
        try (ImageArchiveReader reader = ImageArchiveReader.open(copied)) {
            assertThat(reader.images()).singleElement().satisfies(read -> {
                assertThat(read.names()).contains("shipyard.test/it/app:1.0");
                assertThat(read.config().value().rootfs().diffIds()).containsExactly(layer.diffId());
            });
            reader.verify();
        }
    }

    private static JsonNode json(String text) throws IOException {
        return OciJson.mapper().readTree(text);
    }

    private String run(String... command) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile(dir, "out", ".txt");
        Path stderr = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command)))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 120 s");
        }
        assertThat(process.exitValue()).as("%s failed: %s", String.join(" ", command), Files.readString(stderr)).isZero();
        return Files.readString(stdout);
    }
}
