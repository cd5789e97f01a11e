package dev.shipyard.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OciJsonGoldenTest {

    static byte[] golden(String name) throws IOException {
        try (InputStream in = OciJsonGoldenTest.class.getResourceAsStream("/oci/" + name)) {
            assertThat(in).as("test resource /oci/%s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void imageConfig_buildkitGolden_writesIdenticalBytes() throws IOException {
        byte[] bytes = golden("buildkit-config.json");
        ImageConfig config = OciJson.read(bytes, ImageConfig.class);
        assertThat(new String(OciJson.toBytes(config), StandardCharsets.UTF_8))
                .isEqualTo(new String(bytes, StandardCharsets.UTF_8));
        assertThat(OciJson.digestOf(config)).isEqualTo(Digest.sha256(bytes));
    }

    @Test
    void imageConfig_buildkitGolden_modelHoldsEveryField() throws IOException {
        ImageConfig config = OciJson.read(golden("buildkit-config.json"), ImageConfig.class);
        assertThat(config.platform()).isEqualTo(new Platform("linux", "amd64", "v2"));
        assertThat(config.created()).isEqualTo(Instant.parse("2024-05-14T09:21:33.482915403Z"));
        ContainerConfig c = config.config();
        assertThat(c.user()).isEqualTo("app");
        assertThat(c.exposedPorts()).containsExactly("8080/tcp", "9090/udp");
        assertThat(c.env()).containsExactly("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "APP_HOME=/srv/app");
        assertThat(c.entrypoint()).containsExactly("/srv/app/run.sh");
        assertThat(c.cmd()).containsExactly("--serve");
        assertThat(c.volumes()).containsExactly("/data");
        assertThat(c.workingDir()).isEqualTo("/srv/app");
        assertThat(c.labels()).containsEntry("org.opencontainers.image.version", "1.4.2").hasSize(2);
        assertThat(c.stopSignal()).isEqualTo("SIGTERM");
        assertThat(c.argsEscaped()).isTrue();
        assertThat(c.healthcheck()).isEqualTo(new Healthcheck(
                List.of("CMD-SHELL", "wget -q -O- http://localhost:8080/health || exit 1"),
                Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(2), 3));
        assertThat(c.onBuild()).containsExactly("RUN echo <child>");
        assertThat(c.shell()).containsExactly("/bin/sh", "-c");
        assertThat(c.extra()).isEmpty();
        assertThat(config.rootfs().diffIds()).hasSize(3);
        assertThat(config.history()).hasSize(5);
        assertThat(config.history().get(1).emptyLayer()).isTrue();
        assertThat(config.history().get(2).createdBy()).contains("curl && adduser");
        assertThat(config.history().get(2).comment()).isEqualTo("buildkit.dockerfile.v0");
        assertThat(config.extra()).containsOnlyKeys("moby.buildkit.buildinfo.v1");
    }

    @Test
    void imageConfig_dockerClassicGolden_keepsUnmodelledFieldsThroughModify() throws IOException {
        ImageConfig config = OciJson.read(golden("docker-classic-config.json"), ImageConfig.class);
        ImageConfig changed = config.withEnv("A", "1");
        ImageConfig reread = OciJson.read(OciJson.toBytes(changed), ImageConfig.class);
        assertThat(reread.extra()).containsOnlyKeys("container", "container_config", "docker_version");
        assertThat(reread.extra().get("docker_version").asText()).isEqualTo("20.10.23");
        assertThat(reread.config().extra()).containsKeys("Hostname", "AttachStdin", "Image", "Tty");
        assertThat(reread.config().extra().get("Image").asText()).startsWith("sha256:3f57d940");
        assertThat(reread.config().env()).endsWith("A=1");
        assertThat(reread.config().cmd()).containsExactly("/bin/sh");
        assertThat(reread).isEqualTo(changed);
    }

    @Test
    void manifest_buildkitGolden_writesIdenticalBytes() throws IOException {
        byte[] bytes = golden("buildkit-manifest.json");
        Manifest manifest = OciJson.read(bytes, Manifest.class);
        assertThat(new String(OciJson.toBytes(manifest), StandardCharsets.UTF_8))
                .isEqualTo(new String(bytes, StandardCharsets.UTF_8));
        assertThat(manifest.config().digest()).isEqualTo(Digest.sha256(golden("buildkit-config.json")));
        assertThat(manifest.layers()).hasSize(3).allMatch(l -> l.mediaType().equals(MediaTypes.OCI_LAYER_GZIP));
        assertThat(manifest.layers().get(0).size()).isEqualTo(3408729L);
        assertThat(manifest.annotations()).containsKey("org.opencontainers.image.created");
    }

    @Test
    void index_buildkitGolden_writesIdenticalBytes() throws IOException {
        byte[] bytes = golden("buildkit-index.json");
        ImageIndex index = OciJson.read(bytes, ImageIndex.class);
        assertThat(new String(OciJson.toBytes(index), StandardCharsets.UTF_8))
                .isEqualTo(new String(bytes, StandardCharsets.UTF_8));
        assertThat(index.manifests().get(0).digest()).isEqualTo(Digest.sha256(golden("buildkit-manifest.json")));
        assertThat(index.manifests().get(0).platform()).isEqualTo(new Platform("linux", "amd64", "v2"));
        assertThat(index.manifests().get(1).annotations()).containsEntry("vnd.docker.reference.type", "attestation-manifest");
    }

    @Test
    void jsonBlob_dockerRegistryManifest_keepsOriginalBytesAndDigest() throws IOException {
        // Docker's distribution writes descriptors as mediaType, size, digest: a canonical rewrite would change the digest
        byte[] bytes = golden("docker-manifest.json");
        JsonBlob<Manifest> blob = JsonBlob.parse(bytes, Manifest.class);
        assertThat(blob.digest()).isEqualTo(Digest.sha256(bytes));
        assertThat(blob.bytes()).isEqualTo(bytes);
        assertThat(OciJson.digestOf(blob.value())).isNotEqualTo(blob.digest());
        assertThat(blob.value().mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
        assertThat(blob.value().config().digest()).isEqualTo(Digest.sha256(golden("docker-classic-config.json")));
        assertThat(blob.value().config().size()).isEqualTo(golden("docker-classic-config.json").length);
        assertThat(blob.value().layers()).singleElement().satisfies(l -> assertThat(l.size()).isEqualTo(3401613L));
    }

    @Test
    void read_badDigestInConfig_namesTypeAndProblem() {
        byte[] bad = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:abc\"]}}"
                .getBytes(StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OciJson.read(bad, ImageConfig.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("could not parse ImageConfig JSON")
                .hasMessageContaining("invalid sha256 digest 'abc'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OciJson.read(
                        "{\"schemaVersion\":1}".getBytes(StandardCharsets.UTF_8), Manifest.class))
                .hasMessageContaining("unsupported manifest schemaVersion 1");
    }

    @Test
    void toBytes_mapsAndEscapes_followGoEncoding() {
        ImageConfig config = ImageConfig.scratch(Platform.parse("linux/amd64"))
                .withLabel("z", "1").withLabel("a", "x<y>&z\u2028")
                .withCreated(Instant.parse("2024-01-02T03:04:05.120Z"));
        String json = new String(OciJson.toBytes(config), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"architecture\":\"amd64\",\"config\":{\"Labels\":{\"a\":\"x\\u003cy\\u003e\\u0026z\\u2028\",\"z\":\"1\"}},"
                + "\"created\":\"2024-01-02T03:04:05.12Z\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}");
        assertThat(OciJson.toBytes(config)).isEqualTo(OciJson.toBytes(OciJson.read(json.getBytes(StandardCharsets.UTF_8), ImageConfig.class)));
    }

    @Test
    void formatTime_wholeSeconds_hasNoFraction() {
        assertThat(OciJson.formatTime(Instant.parse("2024-01-02T03:04:05Z"))).isEqualTo("2024-01-02T03:04:05Z");
        assertThat(OciJson.formatTime(Instant.parse("2024-01-02T03:04:05.000000001Z"))).isEqualTo("2024-01-02T03:04:05.000000001Z");
        assertThat(OciJson.parseTime("2024-01-02T05:04:05+02:00")).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    }
}
