package dev.shipyard.worker.engine;

import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.ImageConfig;
import dev.shipyard.oci.Platform;
import dev.shipyard.oci.archive.ArchiveImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns an image of the local store into a stage base: its config and its layers with their diffIDs. */
final class Images {

    private Images() {
    }

    static Optional<StageResult> load(EngineContext ctx, String reference) throws IOException, BuildFailedException {
        return load(ctx, reference, null);
    }

    /** The image for {@code platform}, any platform when null. */
    static Optional<StageResult> load(EngineContext ctx, String reference, Platform platform)
            throws IOException, BuildFailedException {
        Optional<ArchiveImage> found;
        try {
            found = ctx.images().resolve(reference, platform);
        } catch (IOException e) {
            // the resolver's message already names the image and what went wrong (store, registry, network)
            throw new BuildFailedException(e.getMessage(), e);
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(toStage(found.get(), ctx, reference));
    }

    private static StageResult toStage(ArchiveImage image, EngineContext ctx, String reference)
            throws IOException, BuildFailedException {
        ImageConfig config = image.config().value();
        List<Descriptor> descriptors = image.layers();
        List<Digest> diffIds = config.rootfs().diffIds();
        if (descriptors.size() != diffIds.size()) {
            throw new BuildFailedException("could not use image " + reference + ": its manifest lists "
                    + descriptors.size() + " layers but its config " + diffIds.size() + " diff_ids");
        }
        List<StoredLayer> layers = new ArrayList<>();
        for (int i = 0; i < descriptors.size(); i++) {
            Descriptor descriptor = descriptors.get(i);
            if (!ctx.blobs().has(descriptor.digest())) {
                throw new BuildFailedException("could not use image " + reference + ": layer " + descriptor.digest()
                        + " is missing from the blob store; load the image again");
            }
            layers.add(StoredLayer.of(descriptor, diffIds.get(i), ctx.blobs()));
        }
        return new StageResult(config, layers);
    }
}
