package dev.shipyard.coordinator.build;

import java.io.BufferedInputStream;
import java.io.IOException;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.DigestingInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads an uploaded build context once: checks that it is a tar (gzip detected by its magic bytes) whose
 * entries stay inside the context, and picks out the Dockerfile.
 */
public final class ContextCheck {
    /** Larger Dockerfiles are refused rather than held in memory. */
    static final int MAX_DOCKERFILE_BYTES = 1 << 20;

    private ContextCheck() {
    }

    /**
     * What the context holds that admission needs. {@code dockerfile} is empty when the path is not in it;
     * {@code digest} is the digest of the whole file as received, computed by the same read.
     */
    public record Inspected(boolean gzip, int entries, Optional<byte[]> dockerfile, Digest digest) {
    }

    /**
     * Inspects the context in {@code file}, looking for {@code dockerfilePath} (null to look for none).
     *
     * @throws BuildException (invalid) when it is not a tar or an entry escapes the context
     */
    public static Inspected inspect(Path file, String dockerfilePath) throws IOException {
        try (DigestingInputStream hashed = new DigestingInputStream(Files.newInputStream(file));
             InputStream raw = new BufferedInputStream(hashed)) {
            boolean gzip = isGzip(raw);
            // reading the tar closes what it reads; the rest of the file must stay readable for the digest
            InputStream unclosed = new java.io.FilterInputStream(raw) {
                @Override
                public void close() {
                }
            };
            InputStream plain = gzip ? new GZIPInputStream(unclosed, 65536) : unclosed;
            Inspected inspected = readTar(plain, gzip, dockerfilePath == null ? null : normalize(dockerfilePath));
            // The tar may end before the file does (padding, trailing gzip members): hash every byte.
            raw.transferTo(OutputStream.nullOutputStream());
            return new Inspected(inspected.gzip(), inspected.entries(), inspected.dockerfile(), hashed.digest());
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw BuildException.invalid("context is not a tar stream: it ends early or is corrupt ("
                    + e.getMessage() + ")");
        } catch (IllegalArgumentException e) {
            // commons-compress reports malformed headers this way
            throw BuildException.invalid("context is not a tar stream: " + e.getMessage());
        }
    }

    private static Inspected readTar(InputStream plain, boolean gzip, String wanted) throws IOException {
        byte[] header = plain.readNBytes(512);
        if (header.length < 512 || !TarArchiveInputStream.matches(header, header.length)) {
            throw BuildException.invalid("context is not a tar stream: send the build context as a tar "
                    + "(optionally gzip-compressed)");
        }
        InputStream whole = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(header), plain);
        TarArchiveInputStream tar = new TarArchiveInputStream(whole);
        int entries = 0;
        byte[] dockerfile = null;
        for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
            entries++;
            String name = checkedName(entry.getName());
            if (wanted != null && name.equals(wanted) && entry.isFile()) {
                dockerfile = readDockerfile(tar, entry);
            }
        }
        return new Inspected(gzip, entries, Optional.ofNullable(dockerfile), null);
    }

    private static byte[] readDockerfile(TarArchiveInputStream tar, TarArchiveEntry entry) throws IOException {
        if (entry.getSize() > MAX_DOCKERFILE_BYTES) {
            throw new BuildException(BuildException.Kind.INVALID, "Dockerfile " + entry.getName() + " is "
                    + entry.getSize() + " bytes: at most " + MAX_DOCKERFILE_BYTES + " are accepted",
                    Map.of("file", entry.getName()));
        }
        return tar.readAllBytes();
    }

    /** The entry name without {@code ./} prefixes and trailing slashes, refused when it escapes the context. */
    static String checkedName(String name) {
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw new BuildException(BuildException.Kind.INVALID, "context entry " + name
                    + " has an absolute path: context paths must be relative", Map.of("entry", name));
        }
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw new BuildException(BuildException.Kind.INVALID, "context entry " + name
                        + " leaves the context through ..", Map.of("entry", name));
            }
        }
        return normalize(name);
    }

    static String normalize(String path) {
        String p = path;
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static boolean isGzip(InputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b;
    }
}
