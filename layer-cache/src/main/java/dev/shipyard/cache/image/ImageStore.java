package dev.shipyard.cache.image;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.shipyard.cache.blob.BlobStore;
import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.ImageConfig;
import dev.shipyard.oci.ImageReference;
import dev.shipyard.oci.JsonBlob;
import dev.shipyard.oci.Manifest;
import dev.shipyard.oci.OciJson;
import dev.shipyard.oci.archive.ArchiveFormat;
import dev.shipyard.oci.archive.ArchiveImage;
import dev.shipyard.oci.archive.ImageArchiveReader;
import dev.shipyard.oci.archive.ImageArchiveWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Images kept by name on one machine, as Docker keeps them: names point at manifests, and every manifest,
 * config and layer is a blob in a {@link BlobStore}. {@code FROM name:tag} and {@code COPY --from=name:tag}
 * resolve here before any registry is asked.
 *
 * <p>The name table is one small JSON file, rewritten atomically under a file lock so that several
 * processes sharing a home see each other's tags.
 */
public final class ImageStore {
    private static final TypeReference<TreeMap<String, Descriptor>> TABLE = new TypeReference<>() { };
    /**
     * A file lock excludes other processes only: a second lock of the same file from this JVM throws. Threads of
     * this process queue on a monitor per directory first.
     */
    private static final java.util.concurrent.ConcurrentMap<Path, Object> PROCESS_LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Path dir;
    private final BlobStore blobs;

    private ImageStore(Path dir, BlobStore blobs) {
        this.dir = dir;
        this.blobs = blobs;
    }

    public static ImageStore open(Path dir, BlobStore blobs) throws IOException {
        Files.createDirectories(dir);
        return new ImageStore(dir, blobs);
    }

    /** The blob store the images live in. */
    public BlobStore blobs() {
        return blobs;
    }

    /**
     * Stores the manifest and config of {@code image} and points each of its names at it. Its layers must
     * already be in the blob store: an image is never tagged with a layer missing.
     */
    public ArchiveImage put(ArchiveImage image) throws IOException {
        for (Descriptor layer : image.layers()) {
            if (!blobs.has(layer.digest())) {
                throw new IOException("could not store image " + image.names() + ": layer " + layer.digest()
                        + " is not in the blob store");
            }
        }
        putJson(image.config());
        putJson(image.manifest());
        Descriptor manifest = image.manifestDescriptor();
        List<String> names = new ArrayList<>();
        for (String name : image.names()) {
            names.add(normalize(name));
        }
        update(table -> names.forEach(n -> table.put(n, manifest)));
        return new ArchiveImage(names, image.manifest(), image.config());
    }

    /** Adds a name to an image the store already holds. */
    public void tag(String reference, Descriptor manifest) throws IOException {
        if (!blobs.has(manifest.digest())) {
            throw new IOException("could not tag " + reference + ": manifest " + manifest.digest() + " is not stored");
        }
        String name = normalize(reference);
        update(table -> table.put(name, manifest));
    }

    /** The image a name points at, or empty; {@code busybox} means {@code docker.io/library/busybox:latest}. */
    public Optional<ArchiveImage> resolve(String reference) throws IOException {
        String name = normalize(reference);
        Descriptor manifest = readTable().get(name);
        if (manifest == null) {
            return Optional.empty();
        }
        return Optional.of(read(List.of(name), manifest));
    }

    /** The image a manifest digest names, whatever its names, or empty. */
    public Optional<ArchiveImage> byDigest(Digest manifestDigest) throws IOException {
        for (Map.Entry<String, Descriptor> entry : readTable().entrySet()) {
            if (entry.getValue().digest().equals(manifestDigest)) {
                return Optional.of(read(List.of(entry.getKey()), entry.getValue()));
            }
        }
        return Optional.empty();
    }

    /** Every name with what it points at, sorted by name. */
    public List<ImageEntry> list() throws IOException {
        List<ImageEntry> entries = new ArrayList<>();
        for (Map.Entry<String, Descriptor> entry : readTable().entrySet()) {
            ArchiveImage image = read(List.of(entry.getKey()), entry.getValue());
            long size = image.layers().stream().mapToLong(Descriptor::size).sum();
            entries.add(new ImageEntry(entry.getKey(), ImageReference.parse(entry.getKey()).familiar(),
                    entry.getValue().digest(), image.config().digest(), size,
                    Optional.ofNullable(image.config().value().created())));
        }
        return entries;
    }

    /** Removes a name; the blobs stay until garbage collection. Returns whether the name existed. */
    public boolean remove(String reference) throws IOException {
        String name = normalize(reference);
        boolean[] removed = {false};
        update(table -> removed[0] = table.remove(name) != null);
        return removed[0];
    }

    /**
     * Loads every image of a {@code docker save} / OCI archive, verifying each blob, and names them as the
     * archive does ({@code RepoTags} or {@code org.opencontainers.image.ref.name}).
     *
     * @return the names loaded
     */
    public List<String> load(Path archive) throws IOException {
        List<String> loaded = new ArrayList<>();
        try (ImageArchiveReader reader = ImageArchiveReader.open(archive)) {
            for (ArchiveImage image : reader.images()) {
                for (Descriptor layer : image.layers()) {
                    if (!blobs.has(layer.digest())) {
                        try (InputStream in = reader.blobs().open(layer.digest())) {
                            blobs.put(layer.digest(), in, layer.size());
                        }
                    }
                }
                loaded.addAll(put(image).names());
            }
        }
        return loaded;
    }

    /** Writes the named images as one archive. */
    public void save(List<String> references, OutputStream out, ArchiveFormat format) throws IOException {
        List<ArchiveImage> images = new ArrayList<>();
        for (String reference : references) {
            ArchiveImage image = resolve(reference).orElseThrow(() -> new ImageNotFoundException(reference));
            images.add(image);
        }
        ImageArchiveWriter.write(out, format, images, blobs::open);
    }

    /** Every blob a kept image holds: garbage collection must not remove these. */
    public Set<Digest> referencedBlobs() throws IOException {
        Set<Digest> digests = new HashSet<>();
        for (Map.Entry<String, Descriptor> entry : readTable().entrySet()) {
            ArchiveImage image = read(List.of(entry.getKey()), entry.getValue());
            digests.add(image.manifest().digest());
            digests.add(image.config().digest());
            image.layers().forEach(l -> digests.add(l.digest()));
        }
        return digests;
    }

    private ArchiveImage read(List<String> names, Descriptor manifestDescriptor) throws IOException {
        JsonBlob<Manifest> manifest = JsonBlob.parse(readBlob(manifestDescriptor.digest()), Manifest.class);
        JsonBlob<ImageConfig> config = JsonBlob.parse(readBlob(manifest.value().config().digest()), ImageConfig.class);
        return new ArchiveImage(names, manifest, config);
    }

    private byte[] readBlob(Digest digest) throws IOException {
        try (InputStream in = blobs.open(digest)) {
            return in.readAllBytes();
        }
    }

    private void putJson(JsonBlob<?> blob) throws IOException {
        if (!blobs.has(blob.digest())) {
            blobs.put(blob.digest(), new ByteArrayInputStream(blob.bytes()), blob.size());
        }
    }

    private static String normalize(String reference) {
        return ImageReference.parse(reference).toString();
    }

    private Path tableFile() {
        return dir.resolve("names.json");
    }

    private TreeMap<String, Descriptor> readTable() throws IOException {
        Path file = tableFile();
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        return OciJson.mapper().readValue(Files.readAllBytes(file), TABLE);
    }

    private interface TableChange {
        void apply(TreeMap<String, Descriptor> table);
    }

    private void update(TableChange change) throws IOException {
        Object processLock = PROCESS_LOCKS.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> new Object());
        synchronized (processLock) {
            updateLocked(change);
        }
    }

    private void updateLocked(TableChange change) throws IOException {
        try (FileChannel lockFile = FileChannel.open(dir.resolve("names.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockFile.lock()) {
            TreeMap<String, Descriptor> table = readTable();
            change.apply(table);
            Path tmp = Files.createTempFile(dir, "names", ".tmp");
            Files.write(tmp, OciJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(table));
            Files.move(tmp, tableFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** One name in the store. {@code id} is the config digest, as {@code docker images} shows it. */
    public record ImageEntry(String name, String familiarName, Digest manifestDigest, Digest id, long size,
                             Optional<Instant> created) {
    }
}
