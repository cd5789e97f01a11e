package dev.shipyard.worker.engine;

import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.ImageConfig;
import java.util.List;

/**
 * The result of a stage: its image config and layers, bottom first, matching the config's diff_ids.
 *
 * @param config the image config as the stage left it
 * @param layers the layers, one per diff_id
 */
public record StageResult(ImageConfig config, List<StoredLayer> layers) {

    public StageResult {
        layers = List.copyOf(layers);
    }

    public List<Descriptor> descriptors() {
        return layers.stream().map(StoredLayer::descriptor).toList();
    }
}
