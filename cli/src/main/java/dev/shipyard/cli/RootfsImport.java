package dev.shipyard.cli;

import dev.shipyard.cache.image.ImageStore;
import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.History;
import dev.shipyard.oci.ImageConfig;
import dev.shipyard.oci.Platform;
import dev.shipyard.oci.archive.ArchiveImage;
import dev.shipyard.worker.layer.Compression;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Makes a one-layer base image from a root filesystem tar (plain, gzip or zstd), as {@code docker import} does.
 * The tar's bytes are the layer as they are, compressed with the farm's pinned gzip, so the same tar always gives
 * the same layer; the config sets the default PATH.
 */
final class RootfsImport {
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final int TAR_HEADER = 512;

    private RootfsImport() {
    }

    /**
     * Imports {@code tar} as {@code name}.
     *
     * @param created the image's creation time ({@code SOURCE_DATE_EPOCH} for reproducible images)
     * @param scratch a directory for the compressed layer until it is in the store
     */
    static ArchiveImage importTar(ImageStore store, Path tar, String name, Platform platform, Instant created, Path scratch)
            throws IOException {
        Files.createDirectories(scratch);
        Path gz = Files.createTempFile(scratch, "import", ".tar.gz");
        try {
            MessageDigest diffId = Digest.newSha256();
            MessageDigest blob = Digest.newSha256();
            try (InputStream in = checkedTar(tar);
                 DigestOutputStream gzOut = new DigestOutputStream(Files.newOutputStream(gz), blob);
                 OutputStream layer = new DigestOutputStream(Compression.GZIP.compress(gzOut), diffId)) {
                in.transferTo(layer);
            }
            Digest digest = Digest.ofHash(blob.digest());
            long size = Files.size(gz);
            try (InputStream in = Files.newInputStream(gz)) {
                store.blobs().put(digest, in, size);
            }
            ImageConfig config = ImageConfig.scratch(platform).withCreated(created).withEnv("PATH", DEFAULT_PATH)
                    .addLayer(Digest.ofHash(diffId.digest()),
                            new History(created, null, null, "imported from a root filesystem tar", false));
            return store.put(ArchiveImage.of(List.of(name), config,
                    List.of(new Descriptor(Compression.GZIP.mediaType(), digest, size))));
        } finally {
            Files.deleteIfExists(gz);
        }
    }

    /** The uncompressed tar, after a look at its first header: a file that is not a tar fails here, by name. */
    private static InputStream checkedTar(Path tar) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Compression.decompress(Files.newInputStream(tar)), 1 << 16);
        in.mark(TAR_HEADER);
        byte[] header = in.readNBytes(TAR_HEADER);
        in.reset();
        if (!TarArchiveInputStream.matches(header, header.length)) {
            in.close();
            throw new IOException(tar + " is not a tar archive (expected a root filesystem tar, plain or compressed)");
        }
        return in;
    }
}
