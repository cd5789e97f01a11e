package dev.shipyard.loadtest.bench;

import dev.shipyard.cache.blob.BlobInfo;
import dev.shipyard.cache.blob.BlobNotFoundException;
import dev.shipyard.cache.blob.BlobStore;
import dev.shipyard.cache.blob.DigestMismatchException;
import dev.shipyard.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.stream.Stream;

/** A plain verifying blob store in one directory, so benchmarks write to disk as skopeo's {@code oci:} target does. */
final class DirectoryBlobStore implements BlobStore {
    private final Path dir;

    DirectoryBlobStore(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    private Path path(Digest digest) {
        return dir.resolve(digest.hex());
    }

    @Override
    public boolean has(Digest digest) {
        return Files.exists(path(digest));
    }

    @Override
    public Optional<BlobInfo> stat(Digest digest) throws IOException {
        Path p = path(digest);
        return Files.exists(p)
                ? Optional.of(new BlobInfo(digest, Files.size(p), Files.getLastModifiedTime(p).toInstant()))
                : Optional.empty();
    }

    @Override
    public InputStream open(Digest digest) throws IOException {
        if (!has(digest)) {
            throw new BlobNotFoundException(digest, dir.toString());
        }
        return Files.newInputStream(path(digest));
    }

    @Override
    public BlobInfo put(Digest expected, InputStream content, long size) throws IOException {
        Path tmp = Files.createTempFile(dir, "put-", ".tmp");
        MessageDigest sha = Digest.newSha256();
        try (OutputStream out = Files.newOutputStream(tmp)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = content.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Digest actual = Digest.ofHash(sha.digest());
        if (!actual.equals(expected)) {
            Files.deleteIfExists(tmp);
            throw new DigestMismatchException(expected, actual, dir.toString());
        }
        Files.move(tmp, path(expected), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return stat(expected).orElseThrow();
    }

    @Override
    public void delete(Digest digest) throws IOException {
        Files.deleteIfExists(path(digest));
    }

    @Override
    public Stream<BlobInfo> list() {
        throw new UnsupportedOperationException("not needed by benchmarks");
    }
}
