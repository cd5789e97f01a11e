package dev.shipyard.worker.layer;

import dev.shipyard.oci.Digest;
import dev.shipyard.oci.Layer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** A layer blob stored in a local file. */
public record FileLayer(Path file, Digest digest, Digest diffId, long size, String mediaType) implements Layer {

    public FileLayer {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(diffId, "diffId");
        Objects.requireNonNull(mediaType, "mediaType");
    }

    @Override
    public InputStream open() throws IOException {
        return Files.newInputStream(file);
    }
}
