package dev.shipyard.registry;

import dev.shipyard.oci.Digest;
import dev.shipyard.oci.ImageReference;
import dev.shipyard.oci.archive.ArchiveImage;
import java.util.Objects;

/**
 * An image a build can start from: in the local image store, its blobs in the store's blob store.
 *
 * @param requested the reference as the build named it
 * @param image the stored image, under the name it is kept by
 * @param source whether the image was already local or had to be pulled
 */
public record ResolvedImage(ImageReference requested, ArchiveImage image, Source source) {

    /** Where the image came from. */
    public enum Source { LOCAL, PULLED }

    public ResolvedImage {
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(source, "source");
    }

    /** The digest of the platform manifest: what a FROM step's cache key takes. */
    public Digest manifestDigest() {
        return image.manifest().digest();
    }

    /** The requested reference pinned to {@link #manifestDigest()}, for reproducible builds. */
    public ImageReference pinned() {
        return requested.withDigest(manifestDigest());
    }
}
