package dev.shipyard.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageConfigTest {

    private static final Digest LAYER = Digest.sha256("layer");
    private static final ImageConfig BASE = ImageConfig.scratch(Platform.parse("linux/amd64"))
            .withEnv("PATH", "/usr/bin:/bin").withCmd(List.of("/bin/sh"));

    private static String json(Object value) {
        return new String(OciJson.toBytes(value), StandardCharsets.UTF_8);
    }

    @Test
    void withEntrypoint_inheritedCmd_isCleared() {
        ImageConfig next = BASE.withEntrypoint(List.of("/app"));
        assertThat(next.config().entrypoint()).containsExactly("/app");
        assertThat(next.config().cmd()).isNull();
        assertThat(json(next.config())).doesNotContain("Cmd");
        assertThat(BASE.config().cmd()).containsExactly("/bin/sh");
    }

    @Test
    void withEnv_existingName_replacesInPlace() {
        ImageConfig next = BASE.withEnv("A", "1").withEnv("PATH", "/x").withEnv("A", "2");
        assertThat(next.config().env()).containsExactly("PATH=/x", "A=2");
        assertThat(next.config().envValue("A")).isEqualTo("2");
        assertThat(next.config().envValue("MISSING")).isNull();
    }

    @Test
    void withExposedPort_bareNumber_defaultsToTcpAndWritesEmptyObject() {
        ImageConfig next = BASE.withExposedPort("80").withExposedPort("53/UDP").withExposedPort("80/tcp");
        assertThat(next.config().exposedPorts()).containsExactly("53/udp", "80/tcp");
        assertThat(json(next.config())).contains("\"ExposedPorts\":{\"53/udp\":{},\"80/tcp\":{}}");
    }

    @Test
    void withHealthcheck_durations_areWrittenAsNanoseconds() {
        Healthcheck check = new Healthcheck(List.of("CMD", "true"), Duration.ofSeconds(30), Duration.ofMillis(1500),
                null, Duration.ZERO, 2);
        String written = json(BASE.withHealthcheck(check).config());
        assertThat(written).contains("\"Healthcheck\":{\"Test\":[\"CMD\",\"true\"],\"Interval\":30000000000,\"Timeout\":1500000000,\"Retries\":2}");
        assertThat(OciJson.read(OciJson.toBytes(check), Healthcheck.class).timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(json(Healthcheck.none())).isEqualTo("{\"Test\":[\"NONE\"]}");
    }

    @Test
    void metadataWithMethods_setTheirFields_andLeaveTheOriginal() {
        ImageConfig next = BASE.withLabel("b", "2").withLabel("a", "1").withVolume("/data").withUser("1000:1000")
                .withWorkingDir("/srv").withStopSignal("SIGINT").withShell(List.of("/bin/bash", "-c"))
                .withOnBuild("RUN make").withOnBuild("COPY . /src");
        ContainerConfig c = next.config();
        assertThat(c.labels()).containsExactly(java.util.Map.entry("a", "1"), java.util.Map.entry("b", "2"));
        assertThat(c.volumes()).containsExactly("/data");
        assertThat(c.user()).isEqualTo("1000:1000");
        assertThat(c.workingDir()).isEqualTo("/srv");
        assertThat(c.stopSignal()).isEqualTo("SIGINT");
        assertThat(c.shell()).containsExactly("/bin/bash", "-c");
        assertThat(c.onBuild()).containsExactly("RUN make", "COPY . /src");
        assertThat(c.withoutOnBuild().onBuild()).isNull();
        assertThat(BASE.config().labels()).isEmpty();
        assertThat(json(c)).startsWith("{\"User\":\"1000:1000\",\"Env\":").contains("\"Volumes\":{\"/data\":{}}");
    }

    @Test
    void addLayerAndHistory_keepDiffIdsAndHistoryInStep() {
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        ImageConfig next = BASE.addLayer(LAYER, History.of(t, "RUN make").withComment("buildkit.dockerfile.v0"))
                .addHistory(History.of(t, "ENV A=1"));
        assertThat(next.rootfs().diffIds()).containsExactly(LAYER);
        assertThat(next.history()).extracting(History::emptyLayer).containsExactly(false, true);
        assertThat(json(next)).contains("{\"created\":\"2024-01-01T00:00:00Z\",\"created_by\":\"ENV A=1\",\"empty_layer\":true}");
        assertThat(BASE.history()).isEmpty();
    }

    @Test
    void scratch_emptyConfig_writesRequiredFieldsOnly() {
        assertThat(json(ImageConfig.scratch(Platform.parse("linux/arm64/v8"))))
                .isEqualTo("{\"architecture\":\"arm64\",\"config\":{},\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"variant\":\"v8\"}");
    }

    @Test
    void toBytes_sameValueTwice_sameBytesAndDigest() {
        ImageConfig one = BASE.withLabel("x", "1").withExposedPort("443");
        ImageConfig two = BASE.withExposedPort("443").withLabel("x", "1");
        assertThat(OciJson.toBytes(one)).isEqualTo(OciJson.toBytes(two));
        assertThat(OciJson.digestOf(one)).isEqualTo(OciJson.digestOf(two));
    }
}
