package dev.shipyard.registry;

import dev.shipyard.cache.fakes.InMemoryBlobStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipyard.config.Settings;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.ImageReference;
import dev.shipyard.registry.auth.CredentialsProvider;
import dev.shipyard.registry.auth.RegistryAuthException;
import dev.shipyard.registry.auth.SettingsCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pulls from and pushes to real docker-registry servers seeded by skopeo. */
class RegistryIT {
    @TempDir
    static Path dir;
    private static RegistryServer open;
    private static RegistryServer basic;
    private static BusyboxImage busybox;
    private static final InMemoryBlobStore SOURCE = new InMemoryBlobStore();

    private final RegistryClient client = new RegistryClient(RegistryConfig.defaults(), CredentialsProvider.anonymous());

    @BeforeAll
    static void startRegistries() throws IOException {
        open = RegistryServer.open(Files.createDirectories(dir.resolve("open")));
        basic = RegistryServer.withBasicAuth(Files.createDirectories(dir.resolve("basic")), "shipyard", "s3cret");
        busybox = BusyboxImage.build(SOURCE);
        Path layout = busybox.writeLayout(Files.createDirectories(dir.resolve("layout")), SOURCE);
        RegistryServer.run(List.of("skopeo", "copy", "--preserve-digests", "--dest-tls-verify=false",
                "oci:" + layout + ":latest", "docker://" + open.host() + "/library/busybox:latest"));
        RegistryServer.run(List.of("skopeo", "copy", "--preserve-digests", "--dest-tls-verify=false",
                "--dest-creds", "shipyard:s3cret", "oci:" + layout + ":latest", "docker://" + basic.host() + "/library/busybox:latest"));
    }

    @AfterAll
    static void stopRegistries() {
        open.close();
        basic.close();
    }

    private static ImageReference ref(RegistryServer server, String rest) {
        return ImageReference.parse(server.host() + "/" + rest);
    }

    @Test
    void pull_seededBusybox_storesVerifiedManifestConfigAndLayer() throws IOException {
        InMemoryBlobStore store = new InMemoryBlobStore();

        PulledImage image = new ImagePuller(client).pull(ref(open, "library/busybox"), store);

        assertThat(image.manifestDigest()).isEqualTo(busybox.digest());
        assertThat(image.layers()).containsExactly(busybox.layer());
        assertThat(store.bytes(busybox.layer().digest())).isEqualTo(SOURCE.bytes(busybox.layer().digest()));
        assertThat(store.has(image.configDigest())).isTrue();
    }

    @Test
    void pull_twice_downloadsNothingTheSecondTime() throws IOException {
        InMemoryBlobStore store = new InMemoryBlobStore();
        ImagePuller puller = new ImagePuller(client);
        puller.pull(ref(open, "library/busybox"), store);
        int puts = store.acceptedPuts();

        PulledImage again = puller.pull(ref(open, "library/busybox@" + busybox.digest()), store);

        assertThat(again.manifestDigest()).isEqualTo(busybox.digest());
        assertThat(store.acceptedPuts()).isEqualTo(puts);
    }

    @Test
    void pushThenPull_chunkedUpload_keepsTheManifestDigestAndSkopeoReadsIt() throws IOException {
        RegistryClient chunked = new RegistryClient(RegistryConfig.defaults().withChunkSize(256 * 1024), CredentialsProvider.anonymous());
        ImageReference target = ref(open, "shipyard/roundtrip:v1");

        PushResult pushed = new ImagePusher(chunked).push(target, busybox.manifest(),
                dev.shipyard.oci.MediaTypes.OCI_MANIFEST, SOURCE, List.of());
        PulledImage pulled = new ImagePuller(client).pull(target, new InMemoryBlobStore());

        assertThat(pushed.blobs()).containsValues(RegistryClient.PushOutcome.UPLOADED);
        assertThat(pulled.manifestDigest()).isEqualTo(pushed.manifestDigest()).isEqualTo(busybox.digest());
        JsonNode inspect = TestManifests.JSON.readTree(RegistryServer.run(List.of("skopeo", "inspect", "--tls-verify=false",
                "docker://" + target)));
        assertThat(inspect.path("Digest").asText()).isEqualTo(busybox.digest().toString());
        assertThat(inspect.path("Layers").get(0).asText()).isEqualTo(busybox.layer().digest().toString());
    }

    @Test
    void push_pulledImageToSiblingRepository_mountsItsBlobs() throws IOException {
        InMemoryBlobStore store = new InMemoryBlobStore();
        PulledImage base = new ImagePuller(client).pull(ref(open, "library/busybox"), store);

        PushResult result = new ImagePusher(client).push(ref(open, "team/mounted:1"), base, store);
        PushResult again = new ImagePusher(client).push(ref(open, "team/mounted:2"), base, store);

        assertThat(result.blobs()).containsEntry(busybox.layer().digest(), RegistryClient.PushOutcome.MOUNTED);
        assertThat(again.blobs().values()).containsOnly(RegistryClient.PushOutcome.EXISTED);
        assertThat(client.resolve(ref(open, "team/mounted:2")).digest()).isEqualTo(busybox.digest());
    }

    @Test
    void pull_basicAuthWithSettingsCredentials_succeeds() throws IOException {
        RegistryClient withCreds = new RegistryClient(RegistryConfig.defaults(), new SettingsCredentials(Settings.of(Map.of(
                "registry.auth." + basic.host() + ".username", "shipyard", "registry.auth." + basic.host() + ".password", "s3cret"))));

        PulledImage image = new ImagePuller(withCreds).pull(ref(basic, "library/busybox"), new InMemoryBlobStore());

        assertThat(image.manifestDigest()).isEqualTo(busybox.digest());
    }

    @Test
    void pull_basicAuthWithoutCredentials_failsNamingRegistryAndScope() {
        assertThatThrownBy(() -> new ImagePuller(client).pull(ref(basic, "library/busybox"), new InMemoryBlobStore()))
                .isInstanceOf(RegistryAuthException.class)
                .hasMessageContaining(basic.host()).hasMessageContaining("repository:library/busybox:pull");
    }

    @Test
    void pull_basicAuthWrongPassword_failsAsRejected() {
        RegistryClient wrong = new RegistryClient(RegistryConfig.defaults(), host ->
                java.util.Optional.of(new dev.shipyard.registry.auth.Credentials("shipyard", "nope")));

        assertThatThrownBy(() -> wrong.fetchManifest(ref(basic, "library/busybox")))
                .isInstanceOf(RegistryAuthException.class).hasMessageContaining("rejected");
    }

    @Test
    void fetchManifest_unknownPin_failsWithoutRetrying() {
        Digest absent = Digest.sha256("absent");

        assertThatThrownBy(() -> client.fetchManifest(ref(open, "library/busybox@" + absent)))
                .isInstanceOf(RegistryException.class).isNotInstanceOf(RetriableRegistryException.class)
                .hasMessageContaining("HTTP 404");
    }
}
