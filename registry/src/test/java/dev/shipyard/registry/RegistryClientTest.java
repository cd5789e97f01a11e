package dev.shipyard.registry;

import dev.shipyard.cache.fakes.InMemoryBlobStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.ImageReference;
import dev.shipyard.oci.MediaTypes;
import dev.shipyard.registry.auth.CredentialsProvider;
import dev.shipyard.registry.auth.RegistryAuthException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistryClientTest {
    private FakeRegistry registry;
    private RegistryClient client;
    private final InMemoryBlobStore store = new InMemoryBlobStore();

    @BeforeEach
    void start() throws IOException {
        registry = new FakeRegistry();
        client = new RegistryClient(RegistryConfig.defaults().withRetries(4, Duration.ofMillis(10)), CredentialsProvider.anonymous());
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private ImageReference ref(String rest) {
        return ImageReference.parse(registry.host() + "/" + rest);
    }

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    private Descriptor serveBlob(byte[] bytes) {
        return new Descriptor(MediaTypes.OCI_LAYER_GZIP, registry.blob(bytes), bytes.length);
    }

    @Test
    void fetchManifest_serverAnswers500Twice_retriesAndReturnsVerifiedBytes() throws IOException {
        byte[] manifest = "{\"schemaVersion\":2,\"layers\":[]}".getBytes(StandardCharsets.UTF_8);
        registry.manifest("app", "v1", MediaTypes.OCI_MANIFEST, manifest);
        registry.failNext("/manifests/v1", 2);

        RawManifest fetched = client.fetchManifest(ref("app:v1"));

        assertThat(fetched.digest()).isEqualTo(Digest.sha256(manifest));
        assertThat(fetched.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(registry.count("GET", "/manifests/v1")).isEqualTo(3);
    }

    @Test
    void fetchManifest_alwaysFailing_givesUpNamingTheStatus() {
        registry.manifest("app", "v1", MediaTypes.OCI_MANIFEST, "{}".getBytes(StandardCharsets.UTF_8));
        registry.failNext("/manifests/v1", 100);

        assertThatThrownBy(() -> client.fetchManifest(ref("app:v1")))
                .isInstanceOf(RetriableRegistryException.class)
                .hasMessageContaining("could not fetch manifest").hasMessageContaining("HTTP 500").hasMessageContaining("boom");
        assertThat(registry.count("GET", "/manifests/v1")).isEqualTo(4);
    }

    @Test
    void fetchManifest_pinnedDigestDiffers_failsWithMismatch() {
        byte[] served = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
        Digest pinned = Digest.sha256("something else");
        registry.manifest("app", pinned.toString(), MediaTypes.OCI_MANIFEST, served);

        assertThatThrownBy(() -> client.fetchManifest(ref("app@" + pinned)))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("manifest digest mismatch")
                .hasMessageContaining(pinned.toString())
                .hasMessageContaining(Digest.sha256(served).toString());
    }

    @Test
    void resolve_tag_returnsDescriptorFromHead() throws IOException {
        byte[] manifest = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
        registry.manifest("app", "v1", MediaTypes.DOCKER_MANIFEST, manifest);

        Descriptor d = client.resolve(ref("app:v1"));

        assertThat(d).isEqualTo(new Descriptor(MediaTypes.DOCKER_MANIFEST, Digest.sha256(manifest), manifest.length));
        assertThat(registry.count("GET", "/manifests/")).isZero();
    }

    @Test
    void fetchBlob_connectionCutMidway_resumesWithRangeAndStoresTheBlob() throws IOException {
        byte[] bytes = random(300_000);
        Descriptor blob = serveBlob(bytes);
        registry.truncateOnce(blob.digest(), 100_000);

        client.fetchBlob(ref("app"), blob, store);

        assertThat(store.bytes(blob.digest())).isEqualTo(bytes);
        assertThat(registry.requests).anySatisfy(r -> assertThat(r.range()).matches("bytes=\\d+-"));
    }

    @Test
    void fetchBlob_registryIgnoresRange_skipsWhatItHasAndStoresTheBlob() throws IOException {
        byte[] bytes = random(200_000);
        Descriptor blob = serveBlob(bytes);
        registry.truncateOnce(blob.digest(), 50_000);
        registry.ignoreRange();

        client.fetchBlob(ref("app"), blob, store);

        assertThat(store.bytes(blob.digest())).isEqualTo(bytes);
    }

    @Test
    void fetchBlob_500ThenSuccess_storesTheBlob() throws IOException {
        Descriptor blob = serveBlob(random(1000));
        registry.failNext("/blobs/" + blob.digest(), 1);

        client.fetchBlob(ref("app"), blob, store);

        assertThat(store.has(blob.digest())).isTrue();
        assertThat(registry.count("GET", "/blobs/")).isEqualTo(2);
    }

    @Test
    void fetchBlob_wrongBytes_failsNamingTheDigestAndStoresNothing() {
        Descriptor blob = serveBlob(random(5000));
        registry.serveInstead(blob.digest(), corrupted(random(5000)));

        assertThatThrownBy(() -> client.fetchBlob(ref("app"), blob, store))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("could not fetch blob " + blob.digest())
                .hasMessageContaining("wrong digest");
        assertThat(store.size()).isZero();
    }

    private static byte[] corrupted(byte[] bytes) {
        bytes[bytes.length / 2] ^= 0x5a;
        return bytes;
    }

    @Test
    void fetchBlob_longerThanDescriptor_failsAndStoresNothing() {
        byte[] bytes = random(4000);
        Descriptor blob = new Descriptor(MediaTypes.OCI_LAYER, registry.blob(bytes), 3000);

        assertThatThrownBy(() -> client.fetchBlob(ref("app"), blob, store)).isInstanceOf(RegistryException.class);
        assertThat(store.size()).isZero();
    }

    @Test
    void fetchBlob_alreadyStored_sendsNoRequest() throws IOException {
        byte[] bytes = random(100);
        store.add(bytes);

        client.fetchBlob(ref("app"), new Descriptor(MediaTypes.OCI_LAYER, Digest.sha256(bytes), 100), store);

        assertThat(registry.requests).isEmpty();
    }

    @Test
    void blobExists_presentAndMissing_answersBoth() throws IOException {
        Descriptor blob = serveBlob(random(10));

        assertThat(client.blobExists(ref("app"), blob.digest())).isTrue();
        assertThat(client.blobExists(ref("app"), Digest.sha256("absent"))).isFalse();
    }

    @Test
    void fetchManifest_bearerChallenge_fetchesOneTokenAndReusesIt() throws IOException {
        registry.requireBearer();
        registry.manifest("team/app", "v1", MediaTypes.OCI_MANIFEST, "{}".getBytes(StandardCharsets.UTF_8));

        client.fetchManifest(ref("team/app:v1"));
        client.fetchManifest(ref("team/app:v1"));

        assertThat(registry.tokensIssued).hasValue(1);
        FakeRegistry.Request tokenRequest = registry.requests.stream().filter(r -> r.path().equals("/token")).findFirst().orElseThrow();
        assertThat(tokenRequest.query()).contains("service=fake").contains("scope=repository%3Ateam%2Fapp%3Apull");
        assertThat(registry.requests.get(registry.requests.size() - 1).authorization()).isEqualTo("Bearer tok-1");
    }

    @Test
    void fetchManifest_tokenExpired_fetchesANewOne() throws IOException {
        MutableClock clock = new MutableClock();
        client = new RegistryClient(RegistryConfig.defaults(), CredentialsProvider.anonymous(), clock);
        registry.requireBearer();
        registry.manifest("app", "v1", MediaTypes.OCI_MANIFEST, "{}".getBytes(StandardCharsets.UTF_8));

        client.fetchManifest(ref("app:v1"));
        clock.advance(Duration.ofSeconds(301));
        client.fetchManifest(ref("app:v1"));

        assertThat(registry.tokensIssued).hasValue(2);
        assertThat(registry.count("GET", "/manifests/v1")).as("the second fetch renewed the token before asking").isEqualTo(3);
    }

    @Test
    void fetchManifest_unusableChallenge_failsNamingRegistryAndScope() {
        registry.challengeWith("Bearer realm=\"unterminated");

        assertThatThrownBy(() -> client.fetchManifest(ref("app:v1")))
                .isInstanceOf(RegistryAuthException.class)
                .hasMessageContaining("registry " + registry.host())
                .hasMessageContaining("repository:app:pull")
                .hasMessageContaining("unusable challenge");
    }

    @Test
    void fetchManifest_basicChallengeWithoutCredentials_saysHowToConfigureThem() {
        registry.challengeWith("Basic realm=\"fake\"");

        assertThatThrownBy(() -> client.fetchManifest(ref("app:v1")))
                .isInstanceOf(RegistryAuthException.class)
                .hasMessageContaining("registry.auth." + registry.host() + ".username");
    }

    @Test
    void fetchManifest_credentialsRejected_failsNamingRegistryAndScope() {
        registry.challengeWith("Basic realm=\"fake\"");
        client = new RegistryClient(RegistryConfig.defaults(),
                host -> java.util.Optional.of(new dev.shipyard.registry.auth.Credentials("u", "wrong")));

        assertThatThrownBy(() -> client.fetchManifest(ref("app:v1")))
                .isInstanceOf(RegistryAuthException.class)
                .hasMessageContaining("could not authenticate to registry " + registry.host())
                .hasMessageContaining("repository:app:pull")
                .hasMessageContaining("rejected");
    }

    @Test
    void fetchManifest_mirrorDown_fallsBackToTheRegistry() throws IOException {
        registry.manifest("app", "v1", MediaTypes.OCI_MANIFEST, "{}".getBytes(StandardCharsets.UTF_8));
        client = new RegistryClient(RegistryConfig.defaults().withRetries(1, Duration.ZERO)
                .withMirrors(registry.host(), List.of(URI.create("http://127.0.0.1:1"))), CredentialsProvider.anonymous());

        assertThat(client.fetchManifest(ref("app:v1")).digest()).isEqualTo(Digest.sha256("{}"));
    }

    @Test
    void fetchManifest_mirrorConfigured_isAskedFirst() throws IOException {
        try (FakeRegistry mirror = new FakeRegistry()) {
            mirror.manifest("app", "v1", MediaTypes.OCI_MANIFEST, "{}".getBytes(StandardCharsets.UTF_8));
            client = new RegistryClient(RegistryConfig.defaults().withMirrors(registry.host(),
                    List.of(URI.create("http://" + mirror.host()))), CredentialsProvider.anonymous());

            client.fetchManifest(ref("app:v1"));

            assertThat(mirror.count("GET", "/manifests/v1")).isEqualTo(1);
            assertThat(registry.requests).isEmpty();
        }
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
