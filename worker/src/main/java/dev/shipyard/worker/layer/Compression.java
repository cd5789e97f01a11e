package dev.shipyard.worker.layer;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import dev.shipyard.oci.MediaTypes;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** How a layer tar is compressed; each compressor is pinned (implementation and level) so output bytes are reproducible. */
public enum Compression {
    NONE(MediaTypes.OCI_LAYER),
    GZIP(MediaTypes.OCI_LAYER_GZIP),
    ZSTD(MediaTypes.OCI_LAYER_ZSTD);

    /** zlib level 6, as {@code gzip} uses by default. */
    public static final int GZIP_LEVEL = 6;
    public static final int ZSTD_LEVEL = 3;
    private static final int BUFFER = 1 << 16;

    private final String mediaType;

    Compression(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** Wraps {@code out}; closing the result finishes the compressed stream and closes {@code out}. */
    public OutputStream compress(OutputStream out) throws IOException {
        switch (this) {
            case GZIP:
                return new PinnedGzipOutputStream(out);
            case ZSTD:
                ZstdOutputStream zstd = new ZstdOutputStream(out, ZSTD_LEVEL);
                zstd.setChecksum(false);
                zstd.setWorkers(0);
                return zstd;
            default:
                return out;
        }
    }

    /** Detects gzip, zstd or a plain tar by its first bytes and returns the uncompressed stream. */
    public static InputStream decompress(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
        Compression detected = detect(buffered);
        if (detected == GZIP) {
            return new GZIPInputStream(buffered, BUFFER);
        }
        if (detected == ZSTD) {
            return new ZstdInputStream(buffered);
        }
        return buffered;
    }

    /** Peeks at the magic number of a stream that supports mark/reset. */
    public static Compression detect(InputStream in) throws IOException {
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        return NONE;
    }

    /** The JDK's gzip writer (fixed header: no name, mtime 0) at a pinned level. */
    private static final class PinnedGzipOutputStream extends GZIPOutputStream {
        PinnedGzipOutputStream(OutputStream out) throws IOException {
            super(out, BUFFER);
            def.setLevel(GZIP_LEVEL);
            def.setStrategy(Deflater.DEFAULT_STRATEGY);
        }
    }
}
