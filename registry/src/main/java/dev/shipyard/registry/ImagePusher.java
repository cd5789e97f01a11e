package dev.shipyard.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipyard.cache.blob.BlobStore;
import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.ImageReference;
import dev.shipyard.oci.MediaTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes an image from a {@link BlobStore}: each blob the target lacks is mounted from a sibling repository
 * when possible, else uploaded; the manifest goes last, so the tag never points at missing blobs.
 */
public final class ImagePusher {
    private static final Logger LOG = LoggerFactory.getLogger(ImagePusher.class);
    private final RegistryClient client;

    public ImagePusher(RegistryClient client) {
        this.client = client;
    }

    /**
     * Pushes the manifest and the config and layers it names.
     *
     * @param mountFrom repositories of the target's registry that may already hold some of the blobs
     */
    public PushResult push(ImageReference target, byte[] manifest, String mediaType, BlobStore source,
                           Collection<String> mountFrom) throws IOException {
        if (!MediaTypes.isManifest(mediaType)) {
            throw new RegistryException("could not push " + target + ": only image manifests can be pushed, not '"
                    + mediaType + "'");
        }
        RawManifest raw = new RawManifest(Digest.sha256(manifest), mediaType, manifest);
        JsonNode json = ManifestJson.read(raw);
        List<Descriptor> blobs = new ArrayList<>(ManifestJson.layers(json, raw.digest()));
        blobs.add(0, ManifestJson.config(json, raw.digest()));
        for (Descriptor blob : blobs) {
            if (!source.has(blob.digest())) {
                throw new RegistryException("could not push " + target + ": blob " + blob.digest()
                        + " is not in the local store");
            }
        }
        List<RegistryClient.PushOutcome> outcomes = Parallel.map(blobs, client.config().parallelDownloads(),
                "shipyard-push", blob -> client.pushBlob(target, blob, source, mountFrom));
        Map<Digest, RegistryClient.PushOutcome> byDigest = new HashMap<>();
        for (int i = 0; i < blobs.size(); i++) {
            byDigest.put(blobs.get(i).digest(), outcomes.get(i));
        }
        Digest digest = client.putManifest(target, manifest, mediaType);
        LOG.info("pushed {} ({}): {}", target.familiar(), digest.shortHex(), byDigest.values());
        return new PushResult(target, digest, byDigest);
    }

    /** Pushes a pulled image; blobs are mounted from its source repository when that is on the same registry. */
    public PushResult push(ImageReference target, PulledImage image, BlobStore source) throws IOException {
        List<String> mountFrom = image.reference().registry().equals(target.registry())
                ? List.of(image.reference().repository()) : List.of();
        return push(target, image.manifestBytes(), image.mediaType(), source, mountFrom);
    }
}
