package dev.shipyard.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipyard.cache.blob.BlobStore;
import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.ImageReference;
import dev.shipyard.oci.MediaTypes;
import dev.shipyard.oci.Platform;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls an image into a {@link BlobStore}: resolves an index to the platform's manifest, then fetches the
 * config and the layers in parallel, each verified; blobs the store already holds are not downloaded.
 */
public final class ImagePuller {
    private static final Logger LOG = LoggerFactory.getLogger(ImagePuller.class);
    private static final Set<String> LAYER_TYPES = Set.of(MediaTypes.OCI_LAYER, MediaTypes.OCI_LAYER_GZIP,
            MediaTypes.OCI_LAYER_ZSTD, MediaTypes.DOCKER_LAYER_GZIP);
    private static final Set<String> CONFIG_TYPES = Set.of(MediaTypes.OCI_CONFIG, MediaTypes.DOCKER_CONFIG);

    private final RegistryClient client;

    public ImagePuller(RegistryClient client) {
        this.client = client;
    }

    /** Pulls for the platform this JVM runs on. */
    public PulledImage pull(ImageReference ref, BlobStore store) throws IOException {
        return pull(ref, store, Platform.current());
    }

    public PulledImage pull(ImageReference ref, BlobStore store, Platform platform) throws IOException {
        RawManifest top = client.fetchManifest(ref);
        RawManifest manifest = top;
        if (MediaTypes.isIndex(top.mediaType())) {
            storeManifest(top, store);
            List<Descriptor> candidates = ManifestJson.manifests(ManifestJson.read(top), top.digest());
            Descriptor chosen = PlatformMatcher.select(candidates, platform).orElse(null);
            if (chosen == null) {
                throw new RegistryException("could not pull " + ref + ": it has no image for platform " + platform
                        + " (available: " + platforms(candidates) + ")");
            }
            manifest = client.fetchManifest(ref.withDigest(chosen.digest()));
        }
        if (!MediaTypes.isManifest(manifest.mediaType())) {
            throw new RegistryException("could not pull " + ref + ": unsupported manifest media type '"
                    + manifest.mediaType() + "' (Docker schema 1 and other types are not supported)");
        }
        JsonNode json = ManifestJson.read(manifest);
        Descriptor config = ManifestJson.config(json, manifest.digest());
        List<Descriptor> layers = ManifestJson.layers(json, manifest.digest());
        checkMediaTypes(ref, config, layers);
        List<Descriptor> blobs = new ArrayList<>();
        blobs.add(config);
        blobs.addAll(layers);
        fetchAll(ref, dedupe(blobs), store);
        storeManifest(manifest, store);
        LOG.info("pulled {} ({}, {} layers)", ref.familiar(), manifest.digest().shortHex(), layers.size());
        return new PulledImage(ref, manifest, config, layers);
    }

    private void fetchAll(ImageReference ref, List<Descriptor> blobs, BlobStore store) throws IOException {
        List<Descriptor> missing = new ArrayList<>();
        for (Descriptor blob : blobs) {
            if (!store.has(blob.digest())) {
                missing.add(blob);
            }
        }
        LOG.debug("{}: {} of {} blobs to download", ref.familiar(), missing.size(), blobs.size());
        Parallel.map(missing, client.config().parallelDownloads(), "shipyard-pull", blob -> client.fetchBlob(ref, blob, store));
    }

    private static List<Descriptor> dedupe(List<Descriptor> blobs) {
        Map<Object, Descriptor> byDigest = new LinkedHashMap<>();
        blobs.forEach(b -> byDigest.putIfAbsent(b.digest(), b));
        return List.copyOf(byDigest.values());
    }

    private static void checkMediaTypes(ImageReference ref, Descriptor config, List<Descriptor> layers) throws RegistryException {
        if (!CONFIG_TYPES.contains(config.mediaType())) {
            throw new RegistryException("could not pull " + ref + ": its config has media type '" + config.mediaType()
                    + "', which is not an image config");
        }
        for (Descriptor layer : layers) {
            if (!LAYER_TYPES.contains(layer.mediaType())) {
                throw new RegistryException("could not pull " + ref + ": layer " + layer.digest()
                        + " has unsupported media type '" + layer.mediaType() + "'");
            }
        }
    }

    private static void storeManifest(RawManifest manifest, BlobStore store) throws IOException {
        if (!store.has(manifest.digest())) {
            byte[] bytes = manifest.bytes();
            store.put(manifest.digest(), new ByteArrayInputStream(bytes), bytes.length);
        }
    }

    private static String platforms(List<Descriptor> candidates) {
        return candidates.stream().map(d -> String.valueOf(d.platform())).collect(Collectors.joining(", "));
    }
}
