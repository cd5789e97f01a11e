package dev.shipyard.oci.archive;

import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.ImageIndex;
import dev.shipyard.oci.MediaTypes;
import dev.shipyard.oci.OciJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes images as an OCI layout tar or a {@code docker load} tar, laid out as BuildKit's exporters do:
 * entries sorted by name, {@code blobs/sha256/<hex>}, {@code index.json} naming each image, and for Docker a
 * {@code manifest.json}. Headers are fixed (mtime 0, uid/gid 0, no owner names), so the same images give the
 * same bytes. Layers stream from the {@link BlobSource} and are verified against their descriptors on the way.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/image-layout.md">OCI image layout</a>
 */
public final class ImageArchiveWriter {

    static final String OCI_LAYOUT = "oci-layout";
    static final String INDEX_JSON = "index.json";
    static final String MANIFEST_JSON = "manifest.json";
    static final String REPOSITORIES = "repositories";
    static final String ANNOTATION_IMAGE_NAME = "io.containerd.image.name";
    static final String ANNOTATION_REF_NAME = "org.opencontainers.image.ref.name";

    private static final int FILE_READ_ONLY = 0100444;
    private static final int FILE = 0100644;
    private static final int DIRECTORY = 040755;
    private static final byte[] LAYOUT_JSON = "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);

    private ImageArchiveWriter() {
    }

    /** Writes {@code images} to {@code out} in {@code format}; {@code out} is left open. */
    public static void write(OutputStream out, ArchiveFormat format, List<ArchiveImage> images, BlobSource blobs)
            throws IOException {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("could not write an image archive: no image given");
        }
        SortedMap<String, Entry> entries = new TreeMap<>();
        entries.put(OCI_LAYOUT, new Bytes(LAYOUT_JSON, FILE_READ_ONLY));
        entries.put("blobs/", new Directory());
        entries.put("blobs/sha256/", new Directory());
        for (ArchiveImage image : images) {
            entries.put(blobPath(image.manifest().digest()), new Bytes(image.manifest().bytes(), FILE_READ_ONLY));
            entries.put(blobPath(image.config().digest()), new Bytes(image.config().bytes(), FILE_READ_ONLY));
            for (Descriptor layer : image.layers()) {
                entries.put(blobPath(layer.digest()), new Blob(layer));
            }
        }
        entries.put(INDEX_JSON, new Bytes(OciJson.toBytes(index(images)), FILE));
        if (format == ArchiveFormat.DOCKER) {
            entries.put(MANIFEST_JSON, new Bytes(OciJson.toBytes(dockerManifest(images)), FILE));
            Map<String, Map<String, String>> repositories = repositories(images);
            if (!repositories.isEmpty()) {
                entries.put(REPOSITORIES, new Bytes(repositoriesJson(repositories), FILE));
            }
        }
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (Map.Entry<String, Entry> entry : entries.entrySet()) {
            entry.getValue().write(entry.getKey(), tar, blobs);
        }
        tar.finish();
        tar.flush();
    }

    static String blobPath(Digest digest) {
        return "blobs/" + digest.algorithm() + "/" + digest.hex();
    }

    /** One record per name, as containerd's exporter writes it, so each name resolves on its own. */
    static ImageIndex index(List<ArchiveImage> images) {
        List<Descriptor> manifests = new ArrayList<>();
        for (ArchiveImage image : images) {
            Descriptor descriptor = image.manifestDescriptor();
            if (image.names().isEmpty()) {
                manifests.add(descriptor);
            }
            for (String name : image.names()) {
                String full = ImageNames.normalize(name);
                manifests.add(descriptor.withAnnotations(Map.of(ANNOTATION_IMAGE_NAME, full,
                        ANNOTATION_REF_NAME, ImageNames.refName(full))));
            }
        }
        return new ImageIndex(2, MediaTypes.OCI_INDEX, manifests, Map.of());
    }

    static List<DockerManifestEntry> dockerManifest(List<ArchiveImage> images) {
        Map<Digest, DockerManifestEntry> byManifest = new LinkedHashMap<>();
        for (ArchiveImage image : images) {
            List<String> tags = new ArrayList<>();
            DockerManifestEntry earlier = byManifest.get(image.manifest().digest());
            if (earlier != null && earlier.repoTags() != null) {
                tags.addAll(earlier.repoTags());
            }
            image.names().forEach(name -> tags.add(ImageNames.familiar(ImageNames.normalize(name))));
            List<String> layers = image.layers().stream().map(l -> blobPath(l.digest())).toList();
            byManifest.put(image.manifest().digest(), new DockerManifestEntry(blobPath(image.config().digest()), tags, layers));
        }
        return List.copyOf(byManifest.values());
    }

    /**
     * Docker's legacy {@code repositories} file, as {@code docker save} still writes it: familiar repository, then
     * tag, then the top layer's blob name. Images without layers or tags have no entry.
     */
    static Map<String, Map<String, String>> repositories(List<ArchiveImage> images) {
        Map<String, Map<String, String>> repositories = new TreeMap<>();
        for (ArchiveImage image : images) {
            if (image.layers().isEmpty()) {
                continue;
            }
            String top = image.layers().get(image.layers().size() - 1).digest().hex();
            for (String name : image.names()) {
                String familiar = ImageNames.familiar(ImageNames.normalize(name));
                int colon = familiar.lastIndexOf(':');
                if (colon > familiar.lastIndexOf('/') && !familiar.contains("@")) {
                    repositories.computeIfAbsent(familiar.substring(0, colon), k -> new TreeMap<>())
                            .put(familiar.substring(colon + 1), top);
                }
            }
        }
        return repositories;
    }

    private static byte[] repositoriesJson(Map<String, Map<String, String>> repositories) {
        // Docker writes it with json.Encoder, which ends the document with a newline
        byte[] json = OciJson.toBytes(repositories);
        byte[] withNewline = java.util.Arrays.copyOf(json, json.length + 1);
        withNewline[json.length] = '\n';
        return withNewline;
    }

    private static TarArchiveEntry header(String name, int mode, long size) {
        TarArchiveEntry header = new TarArchiveEntry(name);
        header.setMode(mode);
        header.setSize(size);
        header.setLastModifiedTime(FileTime.fromMillis(0));
        header.setUserId(0);
        header.setGroupId(0);
        header.setUserName("");
        header.setGroupName("");
        return header;
    }

    private sealed interface Entry permits Bytes, Blob, Directory {
        void write(String name, TarArchiveOutputStream tar, BlobSource blobs) throws IOException;
    }

    private record Directory() implements Entry {
        @Override
        public void write(String name, TarArchiveOutputStream tar, BlobSource blobs) throws IOException {
            tar.putArchiveEntry(header(name, DIRECTORY, 0));
            tar.closeArchiveEntry();
        }
    }

    private record Bytes(byte[] content, int mode) implements Entry {
        @Override
        public void write(String name, TarArchiveOutputStream tar, BlobSource blobs) throws IOException {
            tar.putArchiveEntry(header(name, mode, content.length));
            tar.write(content);
            tar.closeArchiveEntry();
        }
    }

    private record Blob(Descriptor descriptor) implements Entry {
        @Override
        public void write(String name, TarArchiveOutputStream tar, BlobSource blobs) throws IOException {
            tar.putArchiveEntry(header(name, FILE_READ_ONLY, descriptor.size()));
            try (InputStream in = new VerifyingInputStream(blobs.open(descriptor.digest()), descriptor.digest(), descriptor.size())) {
                in.transferTo(tar);
            } catch (IOException e) {
                throw new IOException("could not write layer " + descriptor.digest() + " to the archive: " + e.getMessage(), e);
            }
            tar.closeArchiveEntry();
        }
    }
}
