package dev.shipyard.oci.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.JsonBlob;
import dev.shipyard.oci.Manifest;
import dev.shipyard.oci.MediaTypes;
import dev.shipyard.oci.Platform;
import dev.shipyard.oci.ImageIndex;
import dev.shipyard.oci.OciJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageArchiveTest {

    @TempDir
    Path dir;

    private final TestImages images = new TestImages();
    private final TestImages.Layer base = images.layer(Map.of("etc/os-release", "ID=test\n"));
    private final TestImages.Layer app = images.layer(Map.of("app/hello.txt", "hello\n"));

    private byte[] write(ArchiveFormat format, List<ArchiveImage> list) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageArchiveWriter.write(out, format, list, images.source());
        return out.toByteArray();
    }

    private Path file(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(dir, "image", ".tar"), bytes);
    }

    private static Map<String, byte[]> entries(byte[] archive) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(archive))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                assertThat(e.getLastModifiedTime().toMillis()).as("mtime of %s", e.getName()).isZero();
                assertThat(e.getLongUserId()).isZero();
                assertThat(e.getUserName()).isEmpty();
                entries.put(e.getName(), tar.readAllBytes());
            }
        }
        return entries;
    }

    @Test
    void write_oci_sortedEntriesWithNamedIndex() throws IOException {
        ArchiveImage image = images.image(List.of("registry.example.com:5000/team/app:1.0"), base, app);
        Map<String, byte[]> entries = entries(write(ArchiveFormat.OCI, List.of(image)));

        List<String> names = new ArrayList<>(entries.keySet());
        assertThat(names).isSorted().startsWith("blobs/", "blobs/sha256/").endsWith("index.json", "oci-layout")
                .hasSize(2 + 4 + 2).doesNotContain("manifest.json");
        assertThat(new String(entries.get("oci-layout"), StandardCharsets.UTF_8)).isEqualTo("{\"imageLayoutVersion\":\"1.0.0\"}");
        assertThat(entries.get("blobs/sha256/" + app.descriptor().digest().hex())).isEqualTo(app.compressed());
        assertThat(entries.get("blobs/sha256/" + image.manifest().digest().hex())).isEqualTo(image.manifest().bytes());
        ImageIndex index = OciJson.read(entries.get("index.json"), ImageIndex.class);
        assertThat(index.manifests()).hasSize(1);
        assertThat(index.manifests().get(0).digest()).isEqualTo(image.manifest().digest());
        assertThat(index.manifests().get(0).annotations())
                .containsEntry("io.containerd.image.name", "registry.example.com:5000/team/app:1.0")
                .containsEntry("org.opencontainers.image.ref.name", "1.0");
    }

    @Test
    void write_docker_addsManifestJsonWithFamiliarTags() throws IOException {
        ArchiveImage image = images.image(List.of("app", "docker.io/team/app:2"), base, app);
        Map<String, byte[]> entries = entries(write(ArchiveFormat.DOCKER, List.of(image)));
        String expected = "[{\"Config\":\"blobs/sha256/" + image.config().digest().hex() + "\","
                + "\"RepoTags\":[\"app:latest\",\"team/app:2\"],"
                + "\"Layers\":[\"blobs/sha256/" + base.descriptor().digest().hex() + "\",\"blobs/sha256/"
                + app.descriptor().digest().hex() + "\"]}]";
        assertThat(new String(entries.get("manifest.json"), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(new String(entries.get("repositories"), StandardCharsets.UTF_8)).isEqualTo("{\"app\":{\"latest\":\""
                + app.descriptor().digest().hex() + "\"},\"team/app\":{\"2\":\"" + app.descriptor().digest().hex() + "\"}}\n");
        ImageIndex index = OciJson.read(entries.get("index.json"), ImageIndex.class);
        assertThat(index.manifests()).extracting(d -> d.annotations().get("io.containerd.image.name"))
                .containsExactly("docker.io/library/app:latest", "docker.io/team/app:2");
    }

    @Test
    void write_sameImagesTwice_sameBytes() throws IOException {
        ArchiveImage image = images.image(List.of("app:1"), base, app);
        assertThat(write(ArchiveFormat.DOCKER, List.of(image))).isEqualTo(write(ArchiveFormat.DOCKER, List.of(image)));
    }

    @Test
    void write_sourceServesWrongBytes_failsNamingTheLayer() {
        ArchiveImage image = images.image(List.of("app:1"), base);
        images.blobs.put(base.descriptor().digest(), app.compressed());
        assertThatThrownBy(() -> write(ArchiveFormat.OCI, List.of(image)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("could not write layer " + base.descriptor().digest());
    }

    @Test
    void readOci_writtenArchive_returnsImagesAndStreamsLayers() throws IOException {
        ArchiveImage first = images.image(List.of("app:1"), base, app);
        ArchiveImage second = images.image(List.of("base:1", "base:latest"), base);
        try (ImageArchiveReader reader = ImageArchiveReader.open(file(write(ArchiveFormat.OCI, List.of(first, second))))) {
            assertThat(reader.format()).isEqualTo(ArchiveFormat.OCI);
            assertThat(reader.images()).hasSize(2);
            ArchiveImage read = reader.images().get(0);
            assertThat(read.names()).containsExactly("docker.io/library/app:1");
            assertThat(read.manifest().bytes()).isEqualTo(first.manifest().bytes());
            assertThat(read.config().value()).isEqualTo(first.config().value());
            assertThat(reader.images().get(1).names()).containsExactly("docker.io/library/base:1", "docker.io/library/base:latest");
            try (InputStream layer = reader.blobs().open(app.descriptor().digest())) {
                assertThat(layer.readAllBytes()).isEqualTo(app.compressed());
            }
            reader.verify();
        }
    }

    @Test
    void readDocker_writtenArchive_namesFromIndexAndFormatDocker() throws IOException {
        ArchiveImage image = images.image(List.of("team/app:3"), app);
        try (ImageArchiveReader reader = ImageArchiveReader.open(file(write(ArchiveFormat.DOCKER, List.of(image))))) {
            assertThat(reader.format()).isEqualTo(ArchiveFormat.DOCKER);
            assertThat(reader.images()).singleElement().satisfies(read -> {
                assertThat(read.names()).containsExactly("docker.io/team/app:3");
                assertThat(read.manifest().digest()).isEqualTo(image.manifest().digest());
            });
        }
    }

    @Test
    void read_corruptLayer_verifyFailsNamingTheBlob() throws IOException {
        ArchiveImage image = images.image(List.of("app:1"), app);
        byte[] archive = write(ArchiveFormat.OCI, List.of(image));
        byte[] corrupt = replaceOnce(archive, app.compressed(), flipLast(app.compressed()));
        try (ImageArchiveReader reader = ImageArchiveReader.open(file(corrupt))) {
            assertThatThrownBy(reader::verify).isInstanceOf(IOException.class)
                    .hasMessageContaining("blob " + app.descriptor().digest() + " is corrupt");
        }
    }

    @Test
    void read_notAnArchiveOfImages_failsNamingTheFile() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            putFile(tar, "hello.txt", "hi".getBytes(StandardCharsets.UTF_8));
        }
        Path file = file(out.toByteArray());
        assertThatThrownBy(() -> ImageArchiveReader.open(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("could not read image archive " + file)
                .hasMessageContaining("neither index.json nor manifest.json");
    }

    @Test
    void read_legacyDockerSave_synthesizesManifestFromLayerTars() throws IOException {
        ArchiveImage image = images.image(List.of("old:1"), base);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            putFile(tar, "abc123/layer.tar", base.tar());
            putFile(tar, image.config().digest().hex() + ".json", image.config().bytes());
            putFile(tar, "manifest.json", ("[{\"Config\":\"" + image.config().digest().hex() + ".json\",\"RepoTags\":[\"old:1\"],"
                    + "\"Layers\":[\"abc123/layer.tar\"]}]").getBytes(StandardCharsets.UTF_8));
        }
        try (ImageArchiveReader reader = ImageArchiveReader.open(file(out.toByteArray()))) {
            ArchiveImage read = reader.images().get(0);
            assertThat(read.names()).containsExactly("docker.io/library/old:1");
            assertThat(read.config().digest()).isEqualTo(image.config().digest());
            assertThat(read.layers()).singleElement().satisfies(layer -> {
                assertThat(layer.digest()).isEqualTo(base.diffId());
                assertThat(layer.mediaType()).isEqualTo("application/vnd.docker.image.rootfs.diff.tar");
            });
            try (InputStream in = reader.blobs().open(base.diffId())) {
                assertThat(in.readAllBytes()).isEqualTo(base.tar());
            }
            assertThatThrownBy(() -> reader.blobs().open(Digest.sha256("missing")))
                    .hasMessageContaining("is not in image archive");
        }
    }

    @Test
    void read_buildkitMultiPlatformLayout_returnsEachPlatformAndSkipsAttestations() throws IOException {
        ArchiveImage amd64 = images.image(List.of(), base);
        ArchiveImage arm64 = ArchiveImage.of(List.of(), amd64.config().value().withEnv("ARCH", "arm64"),
                List.of(app.descriptor()));
        JsonBlob<Manifest> attestation = JsonBlob.of(Manifest.oci(
                new Descriptor(MediaTypes.OCI_CONFIG, Digest.sha256("{}"), 2), List.of()));
        Descriptor attestationDescriptor = attestation.descriptor(MediaTypes.OCI_MANIFEST).withAnnotations(Map.of(
                "vnd.docker.reference.type", "attestation-manifest",
                "vnd.docker.reference.digest", amd64.manifest().digest().toString()));
        JsonBlob<ImageIndex> nested = JsonBlob.of(ImageIndex.oci(List.of(amd64.manifestDescriptor(),
                new Descriptor(MediaTypes.OCI_MANIFEST, arm64.manifest().digest(), arm64.manifest().size(), Map.of(),
                        Platform.parse("linux/arm64/v8")), attestationDescriptor)));
        Descriptor top = nested.descriptor(MediaTypes.OCI_INDEX).withAnnotations(Map.of(
                "io.containerd.image.name", "docker.io/library/multi:1", "org.opencontainers.image.ref.name", "1"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            putFile(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
            putFile(tar, "index.json", OciJson.toBytes(ImageIndex.oci(List.of(top))));
            for (JsonBlob<?> blob : List.of(nested, attestation, amd64.manifest(), amd64.config(), arm64.manifest(), arm64.config())) {
                putFile(tar, "blobs/sha256/" + blob.digest().hex(), blob.bytes());
            }
            putFile(tar, "blobs/sha256/" + base.descriptor().digest().hex(), base.compressed());
            putFile(tar, "blobs/sha256/" + app.descriptor().digest().hex(), app.compressed());
        }
        try (ImageArchiveReader reader = ImageArchiveReader.open(file(out.toByteArray()))) {
            assertThat(reader.images()).extracting(ArchiveImage::manifest)
                    .containsExactly(amd64.manifest(), arm64.manifest());
            assertThat(reader.images()).allSatisfy(image -> assertThat(image.names()).containsExactly("docker.io/library/multi:1"));
            reader.verify();
        }
    }

    @Test
    void imageNames_normalizeFamiliarAndRefName() {
        assertThat(ImageNames.normalize("alpine")).isEqualTo("docker.io/library/alpine:latest");
        assertThat(ImageNames.normalize("team/app:1")).isEqualTo("docker.io/team/app:1");
        assertThat(ImageNames.normalize("localhost:5000/app")).isEqualTo("localhost:5000/app:latest");
        assertThat(ImageNames.familiar("docker.io/library/alpine:3")).isEqualTo("alpine:3");
        assertThat(ImageNames.familiar("docker.io/team/app:1")).isEqualTo("team/app:1");
        assertThat(ImageNames.familiar("ghcr.io/o/app:1")).isEqualTo("ghcr.io/o/app:1");
        assertThat(ImageNames.refName("localhost:5000/app:v2")).isEqualTo("v2");
    }

    private static void putFile(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static byte[] flipLast(byte[] bytes) {
        byte[] copy = bytes.clone();
        copy[copy.length - 1] ^= 0x01;
        return copy;
    }

    private static byte[] replaceOnce(byte[] haystack, byte[] needle, byte[] replacement) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            byte[] copy = haystack.clone();
            System.arraycopy(replacement, 0, copy, i, replacement.length);
            return copy;
        }
        throw new AssertionError("needle not found");
    }

}
