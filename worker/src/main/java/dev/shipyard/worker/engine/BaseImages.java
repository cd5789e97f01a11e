package dev.shipyard.worker.engine;

import dev.shipyard.oci.Platform;
import dev.shipyard.oci.archive.ArchiveImage;
import java.io.IOException;
import java.util.Optional;

/** Finds a base image by reference; its layer blobs must be in the engine's blob store. */
@FunctionalInterface
public interface BaseImages {

    /** The image named {@code reference} for {@code platform} ({@code FROM --platform}), any platform when null. */
    Optional<ArchiveImage> resolve(String reference, Platform platform) throws IOException;
}
