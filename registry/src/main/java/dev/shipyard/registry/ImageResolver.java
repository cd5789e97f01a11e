package dev.shipyard.registry;

import dev.shipyard.cache.image.ImageStore;
import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.ImageConfig;
import dev.shipyard.oci.ImageReference;
import dev.shipyard.oci.JsonBlob;
import dev.shipyard.oci.Manifest;
import dev.shipyard.oci.Platform;
import dev.shipyard.oci.archive.ArchiveImage;
import dev.shipyard.registry.auth.RegistryAuthException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the image a build starts from ({@code FROM name:tag}, {@code FROM name@sha256:...}): the local
 * {@link ImageStore} first, as Docker does, else a pull from the registry into the store's blob store (blobs already
 * there are not downloaded), kept in the store under the requested name so the next build needs no network.
 */
public final class ImageResolver {
    private static final Logger LOG = LoggerFactory.getLogger(ImageResolver.class);

    private final Supplier<RegistryClient> clients;
    private final ImageStore store;
    private RegistryClient client;

    public ImageResolver(RegistryClient client, ImageStore store) {
        this(() -> client, store);
    }

    /**
     * A resolver that creates its registry client on first use: an HTTP client with TLS costs a noticeable share
     * of a build whose bases are all in the local store, and such a build never needs one.
     */
    public ImageResolver(Supplier<RegistryClient> clients, ImageStore store) {
        this.clients = clients;
        this.store = store;
    }

    private synchronized RegistryClient client() {
        if (client == null) {
            client = clients.get();
        }
        return client;
    }

    /** Resolves with {@link ResolveOptions#defaults()}. */
    public ResolvedImage resolve(ImageReference ref) throws ImageResolveException {
        return resolve(ref, ResolveOptions.defaults());
    }

    public ResolvedImage resolve(ImageReference ref, ResolveOptions options) throws ImageResolveException {
        try {
            Optional<ArchiveImage> local = findLocal(ref, options.platform());
            if (local.isPresent() && (options.pull() != PullPolicy.ALWAYS || isCurrent(ref, local.get()))) {
                LOG.debug("resolved {} locally: {}", ref.familiar(), local.get().manifest().digest());
                return new ResolvedImage(ref, local.get(), ResolvedImage.Source.LOCAL);
            }
            if (options.pull() == PullPolicy.NEVER) {
                throw new ImageResolveException(ImageResolveException.Kind.NOT_FOUND, ref.familiar(),
                        "not found in the local store, and pulling is disabled (pull it with `shipyard image pull "
                        + ref.familiar() + "`)", null);
            }
            return new ResolvedImage(ref, pull(ref, options), ResolvedImage.Source.PULLED);
        } catch (ImageResolveException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw explain(ref, e);
        }
    }

    /** The image under the exact name, or a pinned one under any name: a digest names the same content anywhere. */
    private Optional<ArchiveImage> findLocal(ImageReference ref, Platform platform) throws IOException {
        Optional<ArchiveImage> found = store.resolve(ref.toString());
        if (found.isEmpty() && ref.digest() != null) {
            found = store.byDigest(ref.digest());
        }
        return found.filter(image -> platform == null || runsOn(image.config().value().platform(), platform));
    }

    private static boolean runsOn(Platform image, Platform wanted) {
        // arm64 images often leave out their v8 variant, as PlatformMatcher accepts too.
        boolean sameVariant = wanted.variant() == null || wanted.variant().isEmpty()
                || wanted.variant().equals(image.variant()) || image.variant().isEmpty() && "arm64".equals(image.architecture());
        return image.os().equals(wanted.os()) && image.architecture().equals(wanted.architecture()) && sameVariant;
    }

    /** A pinned image cannot change; a tag is current when the registry still serves the same manifest under it. */
    private boolean isCurrent(ImageReference ref, ArchiveImage local) throws IOException {
        if (ref.digest() != null) {
            return true;
        }
        Descriptor remote = client().resolve(ref);
        return remote.digest().equals(local.manifest().digest());
    }

    private ArchiveImage pull(ImageReference ref, ResolveOptions options) throws IOException {
        PulledImage pulled = new ImagePuller(client()).pull(ref, store.blobs(), options.pullPlatform());
        byte[] config;
        try (InputStream in = store.blobs().open(pulled.configDigest())) {
            config = in.readAllBytes();
        }
        ArchiveImage image = new ArchiveImage(List.of(ref.toString()),
                JsonBlob.parse(pulled.manifestBytes(), Manifest.class), JsonBlob.parse(config, ImageConfig.class));
        Platform served = image.config().value().platform();
        // A single-platform image is served whatever the platform asked; Docker refuses a mismatch, and so does this.
        if (options.platform() != null && !runsOn(served, options.platform())) {
            throw new ImageResolveException(ImageResolveException.Kind.NOT_FOUND, ref.familiar(), "registry "
                    + ref.registry() + " has it only for " + served + ", not for " + options.platform(), null);
        }
        ArchiveImage stored = store.put(image);
        LOG.info("pulled {} as {}", ref.familiar(), pulled.manifestDigest());
        return stored;
    }

    private static ImageResolveException explain(ImageReference ref, Exception e) {
        String name = ref.familiar();
        if (e instanceof ManifestNotFoundException) {
            return new ImageResolveException(ImageResolveException.Kind.NOT_FOUND, name,
                    "not found in the local store nor in registry " + ref.registry() + " (no manifest "
                    + ref.manifestReference() + " in repository " + ref.repository() + ")", e);
        }
        if (e instanceof RegistryAuthException) {
            return new ImageResolveException(ImageResolveException.Kind.UNAUTHORIZED, name, e.getMessage()
                    + "; log in with `docker login " + ref.registry() + "` or set registry.auth." + ref.registry()
                    + ".username and .password", e);
        }
        if (isUnreachable(e)) {
            return new ImageResolveException(ImageResolveException.Kind.UNREACHABLE, name,
                    "image not found in the local store, and registry " + ref.registry() + " is unreachable ("
                            + describe(e) + "); load it with `shipyard image load`, or pull it once the registry "
                            + "can be reached", e);
        }
        return new ImageResolveException(ImageResolveException.Kind.FAILED, name, describe(e), e);
    }

    private static boolean isUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpTimeoutException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    /** The first message down the cause chain: the JDK's HTTP client often throws a ConnectException without one. */
    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "its host name does not resolve";
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
    }
}
