package dev.shipyard.registry;

import dev.shipyard.cache.fakes.InMemoryBlobStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.cache.blob.local.LocalBlobStore;
import dev.shipyard.cache.blob.local.LocalConfig;
import dev.shipyard.cache.image.ImageStore;
import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.ImageConfig;
import dev.shipyard.oci.ImageIndex;
import dev.shipyard.oci.ImageReference;
import dev.shipyard.oci.JsonBlob;
import dev.shipyard.oci.Manifest;
import dev.shipyard.oci.MediaTypes;
import dev.shipyard.oci.OciJson;
import dev.shipyard.oci.Platform;
import dev.shipyard.registry.auth.CredentialsProvider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolves FROM images against a real docker-registry, counting the requests that reach it through a proxy. */
class ImageResolverIT {
    @TempDir
    static Path shared;
    private static RegistryServer registry;
    private static RegistryServer locked;
    private static CountingProxy proxy;
    private static BusyboxImage busybox;
    private static final InMemoryBlobStore SOURCE = new InMemoryBlobStore();

    @TempDir
    Path home;
    private ImageStore store;
    private final RegistryClient client = new RegistryClient(RegistryConfig.defaults(), CredentialsProvider.anonymous());

    @BeforeAll
    static void startRegistry() throws IOException {
        registry = RegistryServer.open(Files.createDirectories(shared.resolve("open")));
        locked = RegistryServer.withBasicAuth(Files.createDirectories(shared.resolve("locked")), "shipyard", "s3cret");
        proxy = new CountingProxy(registry.host());
        busybox = BusyboxImage.build(SOURCE);
        Path layout = busybox.writeLayout(Files.createDirectories(shared.resolve("layout")), SOURCE);
        for (String tag : List.of("x/busybox:1", "x/moving:1")) {
            RegistryServer.run(List.of("skopeo", "copy", "--preserve-digests", "--dest-tls-verify=false",
                    "oci:" + layout + ":latest", "docker://" + registry.host() + "/" + tag));
        }
    }

    @AfterAll
    static void stopRegistry() {
        proxy.close();
        registry.close();
        locked.close();
    }

    @BeforeEach
    void openStore() throws IOException {
        LocalBlobStore blobs = new LocalBlobStore(new LocalConfig(home.resolve("blobs"), 1L << 30), new SimpleMeterRegistry());
        store = ImageStore.open(home.resolve("images"), blobs);
        proxy.reset();
    }

    private static ImageReference ref(String rest) {
        return ImageReference.parse(proxy.host() + "/" + rest);
    }

    @Test
    void resolve_missingLocally_pullsOnceThenResolvesWithoutAnyRequest() throws IOException {
        ImageResolver resolver = new ImageResolver(client, store);

        ResolvedImage first = resolver.resolve(ref("x/busybox:1"));
        int pullRequests = proxy.requests().size();
        proxy.reset();
        ResolvedImage second = resolver.resolve(ref("x/busybox:1"));

        assertThat(first.source()).isEqualTo(ResolvedImage.Source.PULLED);
        assertThat(first.manifestDigest()).isEqualTo(busybox.digest());
        assertThat(pullRequests).isPositive();
        assertThat(second.source()).isEqualTo(ResolvedImage.Source.LOCAL);
        assertThat(second.manifestDigest()).isEqualTo(busybox.digest());
        assertThat(proxy.requests()).isEmpty();
        assertThat(store.resolve(ref("x/busybox:1").toString())).isPresent();
        assertThat(store.blobs().has(busybox.layer().digest())).isTrue();
    }

    @Test
    void resolve_pinnedDigest_pullsVerifiedAndFindsItLocallyByDigest() throws IOException {
        ImageResolver resolver = new ImageResolver(client, store);
        ImageReference pinned = ref("x/busybox@" + busybox.digest());

        ResolvedImage first = resolver.resolve(pinned);
        proxy.reset();
        ResolvedImage byOtherName = resolver.resolve(ref("x/elsewhere@" + busybox.digest()));

        assertThat(first.manifestDigest()).isEqualTo(busybox.digest());
        assertThat(first.pinned().digest()).isEqualTo(busybox.digest());
        assertThat(byOtherName.source()).isEqualTo(ResolvedImage.Source.LOCAL);
        assertThat(proxy.requests()).isEmpty();
    }

    @Test
    void resolve_wrongPinnedDigest_failsNotFoundNamingTheRegistry() {
        Digest wrong = Digest.sha256("not this image");
        ImageReference pinned = ref("x/busybox:1@" + wrong);

        assertThatThrownBy(() -> new ImageResolver(client, store).resolve(pinned))
                .isInstanceOfSatisfying(ImageResolveException.class,
                        e -> assertThat(e.kind()).isEqualTo(ImageResolveException.Kind.NOT_FOUND))
                .hasMessageStartingWith("could not resolve FROM " + pinned.familiar()
                        + ": not found in the local store nor in registry " + proxy.host())
                .hasMessageContaining(wrong.toString());
    }

    @Test
    void resolve_unknownRepository_failsNotFound() {
        assertThatThrownBy(() -> new ImageResolver(client, store).resolve(ref("x/nothing:1")))
                .isInstanceOf(ImageResolveException.class)
                .hasMessage("could not resolve FROM " + proxy.host() + "/x/nothing:1: not found in the local store nor in "
                        + "registry " + proxy.host() + " (no manifest 1 in repository x/nothing)");
    }

    @Test
    void resolve_alwaysPull_asksOnlyForTheDigestWhileTheTagIsCurrent() throws IOException {
        ImageResolver resolver = new ImageResolver(client, store);
        resolver.resolve(ref("x/busybox:1"));
        proxy.reset();

        ResolvedImage again = resolver.resolve(ref("x/busybox:1"), ResolveOptions.defaults().withPull(PullPolicy.ALWAYS));

        assertThat(again.source()).isEqualTo(ResolvedImage.Source.LOCAL);
        assertThat(proxy.requests()).containsExactly("HEAD /v2/x/busybox/manifests/1");
    }

    @Test
    void resolve_alwaysPullAfterTheTagMoved_pullsTheNewManifestButNoKnownBlob() throws IOException {
        ImageResolver resolver = new ImageResolver(client, store);
        ResolvedImage old = resolver.resolve(ref("x/moving:1"));
        Digest moved = pushVariant("x/moving:1");
        proxy.reset();

        ResolvedImage fresh = resolver.resolve(ref("x/moving:1"), ResolveOptions.defaults().withPull(PullPolicy.ALWAYS));

        assertThat(old.manifestDigest()).isEqualTo(busybox.digest());
        assertThat(fresh.source()).isEqualTo(ResolvedImage.Source.PULLED);
        assertThat(fresh.manifestDigest()).isEqualTo(moved);
        assertThat(proxy.requests()).noneMatch(r -> r.contains(busybox.layer().digest().toString()));
        assertThat(store.resolve(ref("x/moving:1").toString()).orElseThrow().manifest().digest()).isEqualTo(moved);
    }

    @Test
    void resolve_neverPull_missingImageFailsWithoutAnyRequest() {
        assertThatThrownBy(() -> new ImageResolver(client, store).resolve(ref("x/busybox:1"),
                ResolveOptions.defaults().withPull(PullPolicy.NEVER)))
                .isInstanceOf(ImageResolveException.class).hasMessageContaining("pulling is disabled");
        assertThat(proxy.requests()).isEmpty();
    }

    @Test
    void resolve_singlePlatformImageOfAnotherPlatform_failsAndKeepsTheLocalImage() throws IOException {
        ImageResolver resolver = new ImageResolver(client, store);
        ResolvedImage amd64 = resolver.resolve(ref("x/busybox:1"), ResolveOptions.defaults().withPlatform(Platform.parse("linux/amd64")));
        proxy.reset();

        assertThatThrownBy(() -> resolver.resolve(ref("x/busybox:1"),
                ResolveOptions.defaults().withPlatform(Platform.parse("linux/s390x"))))
                .isInstanceOf(ImageResolveException.class)
                .hasMessage("could not resolve FROM " + ref("x/busybox:1").familiar() + ": registry " + proxy.host()
                        + " has it only for " + amd64.image().config().value().platform() + ", not for linux/s390x");
        // The local amd64 image was not taken for s390x: the registry was asked.
        assertThat(proxy.requests()).isNotEmpty();
        assertThat(store.resolve(ref("x/busybox:1").toString()).orElseThrow().manifest().digest()).isEqualTo(busybox.digest());
    }

    @Test
    void resolve_registryDemandsCredentials_failsNamingRegistryAndScope() {
        ImageReference ref = ImageReference.parse(locked.host() + "/x/busybox:1");

        assertThatThrownBy(() -> new ImageResolver(client, store).resolve(ref))
                .isInstanceOfSatisfying(ImageResolveException.class,
                        e -> assertThat(e.kind()).isEqualTo(ImageResolveException.Kind.UNAUTHORIZED))
                .hasMessageStartingWith("could not resolve FROM " + ref.familiar())
                .hasMessageContaining("registry " + locked.host())
                .hasMessageContaining("repository:x/busybox:pull");
    }

    @Test
    void resolve_nothingListening_failsUnreachableAndRetriable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        RegistryClient once = new RegistryClient(RegistryConfig.defaults().withRetries(1, Duration.ZERO),
                CredentialsProvider.anonymous());
        ImageReference ref = ImageReference.parse("127.0.0.1:" + port + "/x/busybox:1");

        assertThatThrownBy(() -> new ImageResolver(once, store).resolve(ref))
                .isInstanceOfSatisfying(ImageResolveException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ImageResolveException.Kind.UNREACHABLE);
                    assertThat(e.retriable()).isTrue();
                })
                .hasMessageStartingWith("could not resolve FROM " + ref.familiar() + ": image not found in the local "
                        + "store, and registry 127.0.0.1:" + port + " is unreachable");
    }

    @Test
    void resolve_hostNameThatDoesNotResolve_failsUnreachableSayingSo() {
        RegistryClient once = new RegistryClient(RegistryConfig.defaults().withRetries(1, Duration.ZERO),
                CredentialsProvider.anonymous());
        ImageReference ref = ImageReference.parse("registry.invalid/x/busybox:1");

        assertThatThrownBy(() -> new ImageResolver(once, store).resolve(ref))
                .isInstanceOfSatisfying(ImageResolveException.class,
                        e -> assertThat(e.kind()).isEqualTo(ImageResolveException.Kind.UNREACHABLE))
                .hasMessage("could not resolve FROM registry.invalid/x/busybox:1: image not found in the local store, "
                        + "and registry registry.invalid is unreachable (its host name does not resolve); load it with "
                        + "`shipyard image load`, or pull it once the registry can be reached");
    }

    @Test
    void resolve_multiPlatformIndex_takesTheWantedPlatformAndKeepsTheIndexPinLocal() throws IOException {
        Digest amd64 = pushManifest("x/multi@" + busybox.digest(), busybox.manifest());
        Digest arm64 = pushManifest("x/multi", armVariant());
        ImageIndex index = ImageIndex.oci(List.of(
                new Descriptor(MediaTypes.OCI_MANIFEST, amd64, busybox.manifest().length, Map.of(), Platform.parse("linux/amd64")),
                new Descriptor(MediaTypes.OCI_MANIFEST, arm64, size(arm64), Map.of(), Platform.parse("linux/arm64/v8"))));
        byte[] indexBytes = OciJson.toBytes(index);
        Digest indexDigest = new RegistryClient(RegistryConfig.defaults(), CredentialsProvider.anonymous())
                .putManifest(ImageReference.parse(registry.host() + "/x/multi:1"), indexBytes, MediaTypes.OCI_INDEX);
        ImageResolver resolver = new ImageResolver(client, store);

        ResolvedImage arm = resolver.resolve(ref("x/multi:1"), ResolveOptions.defaults().withPlatform(Platform.parse("linux/arm64/v8")));
        ResolvedImage pinned = resolver.resolve(ref("x/multi@" + indexDigest), ResolveOptions.defaults().withPlatform(Platform.parse("linux/amd64")));
        proxy.reset();
        ResolvedImage again = resolver.resolve(ref("x/multi@" + indexDigest), ResolveOptions.defaults().withPlatform(Platform.parse("linux/amd64")));

        assertThat(arm.manifestDigest()).isEqualTo(arm64);
        assertThat(arm.image().config().value().architecture()).isEqualTo("arm64");
        assertThat(pinned.manifestDigest()).isEqualTo(amd64);
        assertThat(again.source()).isEqualTo(ResolvedImage.Source.LOCAL);
        assertThat(again.manifestDigest()).isEqualTo(amd64);
        assertThat(proxy.requests()).isEmpty();
    }

    private final Map<Digest, Integer> sizes = new java.util.HashMap<>();

    private int size(Digest digest) {
        return sizes.get(digest);
    }

    private Digest pushManifest(String target, byte[] manifest) throws IOException {
        Digest digest = new ImagePusher(new RegistryClient(RegistryConfig.defaults(), CredentialsProvider.anonymous()))
                .push(ImageReference.parse(registry.host() + "/" + target), manifest, MediaTypes.OCI_MANIFEST, SOURCE, List.of())
                .manifestDigest();
        sizes.put(digest, manifest.length);
        return digest;
    }

    /** Busybox's layer under an arm64 config: enough for a registry to list it in an index. */
    private static byte[] armVariant() throws IOException {
        ImageConfig amd = JsonBlob.parse(SOURCE.bytes(busybox.config().digest()), ImageConfig.class).value();
        JsonBlob<ImageConfig> config = JsonBlob.of(new ImageConfig("arm64", "linux", "v8", null, null, amd.config(),
                amd.rootfs(), amd.history(), amd.extra()));
        SOURCE.put(config.digest(), new ByteArrayInputStream(config.bytes()), config.size());
        return JsonBlob.of(Manifest.oci(config.descriptor(MediaTypes.OCI_CONFIG), List.of(busybox.layer()))).bytes();
    }

    /** Pushes busybox with another Cmd under {@code tag}: a new config, the same layer. */
    private static Digest pushVariant(String tag) throws IOException {
        ImageConfig config = JsonBlob.parse(SOURCE.bytes(busybox.config().digest()), ImageConfig.class).value()
                .withCmd(List.of("sh", "-c", "true"));
        JsonBlob<ImageConfig> configBlob = JsonBlob.of(config);
        SOURCE.put(configBlob.digest(), new ByteArrayInputStream(configBlob.bytes()), configBlob.size());
        JsonBlob<Manifest> manifest = JsonBlob.of(Manifest.oci(configBlob.descriptor(MediaTypes.OCI_CONFIG),
                List.of(busybox.layer())));
        return new ImagePusher(new RegistryClient(RegistryConfig.defaults(), CredentialsProvider.anonymous()))
                .push(ImageReference.parse(registry.host() + "/" + tag), manifest.bytes(), MediaTypes.OCI_MANIFEST, SOURCE,
                        List.of()).manifestDigest();
    }
}
