package dev.shipyard.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.ImageIndex;
import dev.shipyard.oci.JsonBlob;
import dev.shipyard.oci.Manifest;
import dev.shipyard.oci.MediaTypes;
import dev.shipyard.oci.Platform;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestJsonTest {
    private static final Digest CONFIG = Digest.sha256("config");
    private static final Digest LAYER = Digest.sha256("layer");

    private static RawManifest raw(String mediaType, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return new RawManifest(Digest.sha256(bytes), mediaType, bytes);
    }

    @Test
    void manifest_dockerSchema2WithSpacing_keepsTheServedBytesAndReadsTheDescriptors() throws Exception {
        String json = "{\n   \"schemaVersion\": 2,\n   \"mediaType\": \"" + MediaTypes.DOCKER_MANIFEST + "\",\n"
                + "   \"config\": {\"mediaType\": \"" + MediaTypes.DOCKER_CONFIG + "\", \"size\": 7, \"digest\": \"" + CONFIG + "\"},\n"
                + "   \"layers\": [{\"mediaType\": \"" + MediaTypes.DOCKER_LAYER_GZIP + "\", \"size\": 5, \"digest\": \"" + LAYER
                + "\", \"urls\": [\"https://example.com/l\"]}]\n}";
        RawManifest raw = raw(MediaTypes.DOCKER_MANIFEST, json);

        JsonBlob<Manifest> manifest = ManifestJson.manifest(raw);

        assertThat(manifest.digest()).isEqualTo(raw.digest());
        assertThat(manifest.value().config()).isEqualTo(new Descriptor(MediaTypes.DOCKER_CONFIG, CONFIG, 7));
        assertThat(manifest.value().layers()).containsExactly(new Descriptor(MediaTypes.DOCKER_LAYER_GZIP, LAYER, 5));
    }

    @Test
    void index_platformsWithAndWithoutVariant_areRead() throws Exception {
        String json = "{\"schemaVersion\":2,\"manifests\":["
                + "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + CONFIG + "\",\"size\":10,"
                + "\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\",\"os.version\":\"ignored\"}},"
                + "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + LAYER + "\",\"size\":11,"
                + "\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\",\"variant\":\"v8\"}}]}";

        ImageIndex index = ManifestJson.index(raw(MediaTypes.OCI_INDEX, json)).value();

        assertThat(index.manifests()).extracting(Descriptor::platform)
                .containsExactly(new Platform("linux", "amd64", null), new Platform("linux", "arm64", "v8"));
        assertThat(index.manifests()).extracting(Descriptor::size).containsExactly(10L, 11L);
    }

    @Test
    void manifest_layerWithoutSize_failsNamingTheManifestAndTheLayer() {
        String json = "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"" + MediaTypes.OCI_CONFIG + "\",\"size\":7,\"digest\":\""
                + CONFIG + "\"},\"layers\":[{\"mediaType\":\"" + MediaTypes.OCI_LAYER + "\",\"digest\":\"" + LAYER + "\"}]}";
        RawManifest raw = raw(MediaTypes.OCI_MANIFEST, json);

        assertThatThrownBy(() -> ManifestJson.manifest(raw)).isInstanceOf(RegistryException.class)
                .hasMessage("could not read manifest " + raw.digest() + ": descriptor " + LAYER + " has no size");
    }

    @Test
    void manifest_malformedDigest_failsAsRegistryException() {
        String json = "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"" + MediaTypes.OCI_CONFIG
                + "\",\"size\":7,\"digest\":\"sha256:nothex\"},\"layers\":[]}";
        RawManifest raw = raw(MediaTypes.OCI_MANIFEST, json);

        assertThatThrownBy(() -> ManifestJson.manifest(raw)).isInstanceOf(RegistryException.class)
                .hasMessageStartingWith("could not read manifest " + raw.digest() + ": ")
                .hasMessageContaining("sha256");
    }

    @Test
    void manifest_schemaVersion1_isRefused() {
        RawManifest raw = raw(MediaTypes.OCI_MANIFEST, "{\"schemaVersion\":1,\"name\":\"x\",\"fsLayers\":[]}");

        assertThatThrownBy(() -> ManifestJson.manifest(raw)).isInstanceOf(RegistryException.class)
                .hasMessageContaining("schemaVersion 1");
    }

    @Test
    void manifest_notJson_failsAsRegistryException() {
        assertThatThrownBy(() -> ManifestJson.manifest(raw(MediaTypes.OCI_MANIFEST, "<html>")))
                .isInstanceOf(RegistryException.class).hasMessageContaining("could not read manifest");
    }
}
