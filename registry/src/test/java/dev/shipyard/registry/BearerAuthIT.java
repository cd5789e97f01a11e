package dev.shipyard.registry;

import dev.shipyard.cache.fakes.InMemoryBlobStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.config.Settings;
import dev.shipyard.oci.ImageReference;
import dev.shipyard.oci.MediaTypes;
import dev.shipyard.registry.auth.CredentialsProvider;
import dev.shipyard.registry.auth.RegistryAuthException;
import dev.shipyard.registry.auth.SettingsCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Bearer token flow against a token service in front of a real docker-registry. */
class BearerAuthIT {
    @TempDir
    Path dir;
    private RegistryServer registry;
    private TokenAuthProxy proxy;
    private final InMemoryBlobStore source = new InMemoryBlobStore();
    private BusyboxImage busybox;

    @BeforeEach
    void start() throws IOException {
        registry = RegistryServer.open(Files.createDirectories(dir.resolve("registry")));
        proxy = new TokenAuthProxy(registry.host(), "builder", "pw");
        busybox = BusyboxImage.build(source);
    }

    @AfterEach
    void stop() {
        proxy.close();
        registry.close();
    }

    private RegistryClient clientWith(String user, String password) {
        return new RegistryClient(RegistryConfig.defaults(), new SettingsCredentials(Settings.of(Map.of(
                "registry.auth." + proxy.host() + ".username", user, "registry.auth." + proxy.host() + ".password", password))));
    }

    @Test
    void pushThenPull_throughTokenService_usesScopedTokensAndRoundTrips() throws IOException {
        ImageReference ref = ImageReference.parse(proxy.host() + "/team/app:1");

        PushResult pushed = new ImagePusher(clientWith("builder", "pw")).push(ref, busybox.manifest(), MediaTypes.OCI_MANIFEST,
                source, List.of());
        int afterPush = proxy.tokensIssued.get();
        RegistryClient anonymous = new RegistryClient(RegistryConfig.defaults(), CredentialsProvider.anonymous());
        PulledImage pulled = new ImagePuller(anonymous).pull(ref, new InMemoryBlobStore());

        assertThat(pulled.manifestDigest()).isEqualTo(pushed.manifestDigest()).isEqualTo(busybox.digest());
        assertThat(afterPush).as("one token served the whole push").isEqualTo(1);
        assertThat(proxy.tokensIssued.get() - afterPush).as("one pull token, reused for every blob").isEqualTo(1);
    }

    @Test
    void push_withoutCredentials_failsNamingRegistryAndScope() {
        ImageReference ref = ImageReference.parse(proxy.host() + "/team/app:1");
        RegistryClient anonymous = new RegistryClient(RegistryConfig.defaults(), CredentialsProvider.anonymous());

        assertThatThrownBy(() -> new ImagePusher(anonymous).push(ref, busybox.manifest(), MediaTypes.OCI_MANIFEST, source, List.of()))
                .isInstanceOf(RegistryAuthException.class)
                .hasMessageContaining("registry " + proxy.host())
                .hasMessageContaining("repository:team/app:pull,push");
    }
}
