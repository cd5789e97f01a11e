package dev.shipyard.oci.archive;

import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.History;
import dev.shipyard.oci.ImageConfig;
import dev.shipyard.oci.MediaTypes;
import dev.shipyard.oci.Platform;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds small real layers (gzip tars) and images over them, held in memory for tests. */
final class TestImages {

    final Map<Digest, byte[]> blobs = new HashMap<>();

    /** A gzip-compressed layer tar with one regular file per entry of {@code files}. */
    Layer layer(Map<String, String> files) {
        try {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(raw)) {
                for (Map.Entry<String, String> file : new java.util.TreeMap<>(files).entrySet()) {
                    byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
                    TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                    entry.setSize(content.length);
                    entry.setMode(0100644);
                    entry.setLastModifiedTime(FileTime.fromMillis(0));
                    tar.putArchiveEntry(entry);
                    tar.write(content);
                    tar.closeArchiveEntry();
                }
            }
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (GzipCompressorOutputStream out = new GzipCompressorOutputStream(gz)) {
                out.write(raw.toByteArray());
            }
            byte[] compressed = gz.toByteArray();
            Layer layer = new Layer(new Descriptor(MediaTypes.OCI_LAYER_GZIP, Digest.sha256(compressed), compressed.length),
                    Digest.sha256(raw.toByteArray()), compressed, raw.toByteArray());
            blobs.put(layer.descriptor().digest(), compressed);
            return layer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ArchiveImage image(List<String> names, Layer... layers) {
        ImageConfig config = ImageConfig.scratch(Platform.parse("linux/amd64"))
                .withCreated(Instant.parse("2024-03-01T12:00:00Z"))
                .withEnv("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
                .withCmd(List.of("/bin/sh"));
        for (Layer layer : layers) {
            config = config.addLayer(layer.diffId(), History.of(Instant.parse("2024-03-01T12:00:00Z"), "COPY . /"));
        }
        return ArchiveImage.of(names, config, java.util.Arrays.stream(layers).map(Layer::descriptor).toList());
    }

    BlobSource source() {
        return digest -> {
            byte[] bytes = blobs.get(digest);
            if (bytes == null) {
                throw new FileNotFoundException("no blob " + digest);
            }
            return new ByteArrayInputStream(bytes);
        };
    }

    record Layer(Descriptor descriptor, Digest diffId, byte[] compressed, byte[] tar) {
    }
}
