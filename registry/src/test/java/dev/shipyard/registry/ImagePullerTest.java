package dev.shipyard.registry;

import dev.shipyard.cache.fakes.InMemoryBlobStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.ImageReference;
import dev.shipyard.oci.MediaTypes;
import dev.shipyard.oci.Platform;
import dev.shipyard.registry.auth.CredentialsProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ImagePullerTest {
    private FakeRegistry registry;
    private ImagePuller puller;
    private final InMemoryBlobStore store = new InMemoryBlobStore();
    private Digest amd64;
    private Digest arm64;
    private Descriptor sharedLayer;

    @BeforeEach
    void start() throws IOException {
        registry = new FakeRegistry();
        puller = new ImagePuller(new RegistryClient(RegistryConfig.defaults(), CredentialsProvider.anonymous()));
        sharedLayer = blob(MediaTypes.OCI_LAYER, "shared layer");
        amd64 = platformManifest("amd64", MediaTypes.OCI_LAYER_GZIP);
        arm64 = platformManifest("arm64", MediaTypes.OCI_LAYER_ZSTD);
        byte[] index = TestManifests.index(List.of(
                new Descriptor(MediaTypes.OCI_MANIFEST, amd64, size(amd64), Map.of(), new Platform("linux", "amd64", "")),
                new Descriptor(MediaTypes.OCI_MANIFEST, arm64, size(arm64), Map.of(), new Platform("linux", "arm64", "v8"))));
        registry.manifest("multi", "latest", MediaTypes.OCI_INDEX, index);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private final Map<Digest, Integer> sizes = new java.util.HashMap<>();

    private int size(Digest d) {
        return sizes.get(d);
    }

    private Descriptor blob(String mediaType, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new Descriptor(mediaType, registry.blob(bytes), bytes.length);
    }

    private Digest platformManifest(String arch, String layerType) throws IOException {
        Descriptor config = blob(MediaTypes.OCI_CONFIG, "{\"architecture\":\"" + arch + "\"}");
        byte[] manifest = TestManifests.manifest(MediaTypes.OCI_MANIFEST, config,
                List.of(sharedLayer, blob(layerType, arch + " layer")));
        registry.manifest("multi", arch, MediaTypes.OCI_MANIFEST, manifest);
        sizes.put(Digest.sha256(manifest), manifest.length);
        return Digest.sha256(manifest);
    }

    private ImageReference ref(String rest) {
        return ImageReference.parse(registry.host() + "/" + rest);
    }

    @Test
    void pull_indexForArm64_selectsArm64ManifestAndStoresEveryBlob() throws IOException {
        PulledImage image = puller.pull(ref("multi"), store, Platform.parse("linux/arm64/v8"));

        assertThat(image.manifestDigest()).isEqualTo(arm64);
        assertThat(image.layers()).extracting(Descriptor::mediaType).containsExactly(MediaTypes.OCI_LAYER, MediaTypes.OCI_LAYER_ZSTD);
        assertThat(store.has(image.configDigest())).isTrue();
        assertThat(image.layers()).allSatisfy(l -> assertThat(store.has(l.digest())).isTrue());
        assertThat(store.has(arm64)).as("the manifest is kept too").isTrue();
        assertThat(image.pinned().digest()).isEqualTo(arm64);
    }

    @Test
    void pull_secondPlatform_doesNotDownloadTheSharedLayerAgain() throws IOException {
        puller.pull(ref("multi"), store, Platform.parse("linux/amd64"));

        puller.pull(ref("multi"), store, Platform.parse("linux/arm64"));

        assertThat(registry.count("GET", "/blobs/" + sharedLayer.digest())).isEqualTo(1);
    }

    @Test
    void pull_platformMissing_listsWhatIsAvailable() {
        assertThatThrownBy(() -> puller.pull(ref("multi"), store, Platform.parse("linux/s390x")))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("no image for platform linux/s390x")
                .hasMessageContaining("linux/amd64").hasMessageContaining("linux/arm64/v8");
    }

    @Test
    void pull_pinnedToPlatformManifest_skipsTheIndex() throws IOException {
        PulledImage image = puller.pull(ref("multi@" + amd64), store, Platform.parse("linux/arm64"));

        assertThat(image.manifestDigest()).isEqualTo(amd64);
        assertThat(registry.count("GET", "/manifests/latest")).isZero();
    }
}
