package dev.shipyard.oci.archive;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.ImageConfig;
import dev.shipyard.oci.ImageIndex;
import dev.shipyard.oci.JsonBlob;
import dev.shipyard.oci.Manifest;
import dev.shipyard.oci.MediaTypes;
import dev.shipyard.oci.OciJson;
import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * Reads the images of an OCI layout tar or a {@code docker save} / BuildKit docker tar. Manifests and configs are
 * read whole and checked against their digests; layers are never held in memory: {@link #blobs()} streams them
 * from the file and fails at the end of a blob whose digest does not match.
 */
public final class ImageArchiveReader implements Closeable {

    private static final String LEGACY_LAYER_MEDIA_TYPE = "application/vnd.docker.image.rootfs.diff.tar";

    private final Path file;
    private final TarFile tar;
    private final Map<String, TarArchiveEntry> entries = new HashMap<>();
    private final Map<Digest, TarArchiveEntry> extraBlobs = new HashMap<>();
    private final List<ArchiveImage> images;
    private final ArchiveFormat format;

    private ImageArchiveReader(Path file) throws IOException {
        this.file = file;
        this.tar = new TarFile(file);
        try {
            for (TarArchiveEntry entry : tar.getEntries()) {
                if (entry.isFile()) {
                    entries.put(normalize(entry.getName()), entry);
                }
            }
            this.format = entries.containsKey(ImageArchiveWriter.MANIFEST_JSON) ? ArchiveFormat.DOCKER : ArchiveFormat.OCI;
            this.images = entries.containsKey(ImageArchiveWriter.INDEX_JSON) ? fromIndex() : fromDockerManifest();
        } catch (IOException | RuntimeException e) {
            tar.close();
            throw e;
        }
    }

    /** Opens an uncompressed archive file and reads its index; throws naming the file when it is not an image archive. */
    public static ImageArchiveReader open(Path file) throws IOException {
        try {
            return new ImageArchiveReader(file);
        } catch (IllegalArgumentException e) {
            throw new IOException("could not read image archive " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@link ArchiveFormat#DOCKER} when the archive has a {@code manifest.json}. */
    public ArchiveFormat format() {
        return format;
    }

    public List<ArchiveImage> images() {
        return images;
    }

    /** Streams blobs out of the archive, verifying each against its digest (and size, when known) as it is read. */
    public BlobSource blobs() {
        return this::openBlob;
    }

    /** Reads every layer of every image once, so a corrupt archive fails before anything is imported. */
    public void verify() throws IOException {
        byte[] buffer = new byte[64 * 1024];
        for (ArchiveImage image : images) {
            for (Descriptor layer : image.layers()) {
                try (InputStream in = openBlob(layer.digest())) {
                    while (in.read(buffer) >= 0) {
                        // reading to the end is what verifies
                    }
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }

    private InputStream openBlob(Digest digest) throws IOException {
        TarArchiveEntry entry = entries.get(ImageArchiveWriter.blobPath(digest));
        if (entry == null) {
            entry = extraBlobs.get(digest);
        }
        if (entry == null) {
            throw new FileNotFoundException("blob " + digest + " is not in image archive " + file);
        }
        return new VerifyingInputStream(tar.getInputStream(entry), digest, entry.getSize());
    }

    private List<ArchiveImage> fromIndex() throws IOException {
        ImageIndex index = OciJson.read(readEntry(ImageArchiveWriter.INDEX_JSON), ImageIndex.class);
        Map<String, List<String>> repoTags = repoTagsByConfigPath();
        Map<Digest, ArchiveImage> byManifest = new LinkedHashMap<>();
        for (Descriptor descriptor : index.manifests()) {
            String name = nameOf(descriptor);
            for (Descriptor manifest : imageManifests(descriptor)) {
                ArchiveImage known = byManifest.get(manifest.digest());
                ArchiveImage image = known != null ? known : loadImage(manifest, repoTags);
                byManifest.put(manifest.digest(), withName(image, name));
            }
        }
        return List.copyOf(byManifest.values());
    }

    /** The single-platform manifests under a descriptor, leaving out BuildKit's attestation manifests. */
    private List<Descriptor> imageManifests(Descriptor descriptor) throws IOException {
        if (MediaTypes.isManifest(descriptor.mediaType())) {
            return List.of(descriptor);
        }
        if (!MediaTypes.isIndex(descriptor.mediaType())) {
            return List.of();
        }
        ImageIndex nested = OciJson.read(readBlob(descriptor.digest()), ImageIndex.class);
        List<Descriptor> found = new ArrayList<>();
        for (Descriptor child : nested.manifests()) {
            if (!"attestation-manifest".equals(child.annotations().get("vnd.docker.reference.type"))) {
                found.addAll(imageManifests(child));
            }
        }
        return found;
    }

    private ArchiveImage loadImage(Descriptor descriptor, Map<String, List<String>> repoTags) throws IOException {
        JsonBlob<Manifest> manifest = JsonBlob.parse(readBlob(descriptor.digest()), Manifest.class);
        Digest configDigest = manifest.value().config().digest();
        JsonBlob<ImageConfig> config = JsonBlob.parse(readBlob(configDigest), ImageConfig.class);
        List<String> names = new ArrayList<>();
        for (String tag : repoTags.getOrDefault(ImageArchiveWriter.blobPath(configDigest), List.of())) {
            names.add(ImageNames.normalize(tag));
        }
        return new ArchiveImage(names, manifest, config);
    }

    /** Reads a {@code docker save} archive that has no index: layers may sit at {@code <id>/layer.tar}. */
    private List<ArchiveImage> fromDockerManifest() throws IOException {
        if (!entries.containsKey(ImageArchiveWriter.MANIFEST_JSON)) {
            throw new IllegalArgumentException("it has neither index.json nor manifest.json");
        }
        List<ArchiveImage> found = new ArrayList<>();
        for (DockerManifestEntry entry : dockerManifest()) {
            byte[] configBytes = readEntry(entry.config());
            JsonBlob<ImageConfig> config = JsonBlob.parse(configBytes, ImageConfig.class);
            List<Descriptor> layers = new ArrayList<>();
            for (String layerPath : entry.layers()) {
                layers.add(describeLayer(layerPath));
            }
            boolean oci = layers.stream().noneMatch(l -> l.mediaType().startsWith("application/vnd.docker"));
            Descriptor configDescriptor = config.descriptor(oci ? MediaTypes.OCI_CONFIG : MediaTypes.DOCKER_CONFIG);
            Manifest manifest = new Manifest(2, oci ? MediaTypes.OCI_MANIFEST : MediaTypes.DOCKER_MANIFEST,
                    configDescriptor, layers, Map.of());
            List<String> names = entry.repoTags() == null ? List.of()
                    : entry.repoTags().stream().map(ImageNames::normalize).toList();
            found.add(new ArchiveImage(names, JsonBlob.of(manifest), config));
        }
        return found;
    }

    private Descriptor describeLayer(String path) throws IOException {
        TarArchiveEntry entry = requireEntry(path);
        Digest digest;
        byte[] head = new byte[2];
        int headLength;
        MessageDigest sha256 = Digest.newSha256();
        try (InputStream in = tar.getInputStream(entry)) {
            headLength = in.readNBytes(head, 0, 2);
            sha256.update(head, 0, headLength);
            in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), sha256));
        }
        digest = Digest.ofHash(sha256.digest());
        extraBlobs.put(digest, entry);
        boolean gzip = headLength == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
        return new Descriptor(gzip ? MediaTypes.DOCKER_LAYER_GZIP : LEGACY_LAYER_MEDIA_TYPE, digest, entry.getSize());
    }

    private Map<String, List<String>> repoTagsByConfigPath() throws IOException {
        Map<String, List<String>> tags = new HashMap<>();
        if (entries.containsKey(ImageArchiveWriter.MANIFEST_JSON)) {
            for (DockerManifestEntry entry : dockerManifest()) {
                if (entry.repoTags() != null) {
                    tags.computeIfAbsent(normalize(entry.config()), k -> new ArrayList<>()).addAll(entry.repoTags());
                }
            }
        }
        return tags;
    }

    private List<DockerManifestEntry> dockerManifest() throws IOException {
        try {
            return OciJson.mapper().readValue(readEntry(ImageArchiveWriter.MANIFEST_JSON), new TypeReference<>() { });
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("manifest.json is not valid: " + e.getOriginalMessage(), e);
        }
    }

    private static String nameOf(Descriptor descriptor) {
        String name = descriptor.annotations().get(ImageArchiveWriter.ANNOTATION_IMAGE_NAME);
        return name != null ? name : descriptor.annotations().get(ImageArchiveWriter.ANNOTATION_REF_NAME);
    }

    private static ArchiveImage withName(ArchiveImage image, String name) {
        if (name == null || image.names().contains(name)) {
            return image;
        }
        List<String> names = new ArrayList<>(image.names());
        names.add(name);
        return new ArchiveImage(names, image.manifest(), image.config());
    }

    private byte[] readBlob(Digest digest) throws IOException {
        try (InputStream in = openBlob(digest)) {
            return in.readAllBytes();
        }
    }

    private byte[] readEntry(String path) throws IOException {
        try (InputStream in = tar.getInputStream(requireEntry(path))) {
            return in.readAllBytes();
        }
    }

    private TarArchiveEntry requireEntry(String path) {
        TarArchiveEntry entry = entries.get(normalize(path));
        if (entry == null) {
            throw new IllegalArgumentException("it has no entry " + path);
        }
        return entry;
    }

    private static String normalize(String name) {
        String n = name;
        while (n.startsWith("./") || n.startsWith("/")) {
            n = n.substring(n.startsWith("./") ? 2 : 1);
        }
        return n;
    }
}
