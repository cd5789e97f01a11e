package dev.shipyard.worker.engine;

import dev.shipyard.oci.archive.ArchiveImage;
import java.io.IOException;
import java.util.Optional;

/** Finds a base image by reference; its layer blobs must be in the engine's blob store. */
@FunctionalInterface
public interface BaseImages {

    Optional<ArchiveImage> resolve(String reference) throws IOException;
}
