package dev.shipyard.registry;

import dev.shipyard.cache.fakes.InMemoryBlobStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.MediaTypes;
import dev.shipyard.oci.Platform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** A one-layer OCI image of the host's static busybox, built in memory, and its OCI layout for skopeo. */
record BusyboxImage(byte[] manifest, Descriptor config, Descriptor layer) {

    static BusyboxImage build(InMemoryBlobStore store) throws IOException {
        byte[] tar = tar(Files.readAllBytes(Path.of("/bin/busybox")));
        byte[] gzip = gzip(tar);
        Platform platform = Platform.current();
        ObjectNode config = TestManifests.JSON.createObjectNode();
        config.put("architecture", platform.architecture());
        config.put("os", "linux");
        config.putObject("config").putArray("Cmd").add("sh");
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids").add(Digest.sha256(tar).toString());
        byte[] configBytes = TestManifests.JSON.writeValueAsBytes(config);
        Descriptor configDescriptor = new Descriptor(MediaTypes.OCI_CONFIG, store.add(configBytes), configBytes.length);
        Descriptor layer = new Descriptor(MediaTypes.OCI_LAYER_GZIP, store.add(gzip), gzip.length);
        byte[] manifest = TestManifests.manifest(MediaTypes.OCI_MANIFEST, configDescriptor, List.of(layer));
        store.add(manifest);
        return new BusyboxImage(manifest, configDescriptor, layer);
    }

    Digest digest() {
        return Digest.sha256(manifest);
    }

    private static byte[] tar(byte[] busybox) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            TarArchiveEntry bin = new TarArchiveEntry("bin/");
            bin.setMode(040755);
            tar.putArchiveEntry(bin);
            tar.closeArchiveEntry();
            TarArchiveEntry file = new TarArchiveEntry("bin/busybox");
            file.setMode(0100755);
            file.setSize(busybox.length);
            tar.putArchiveEntry(file);
            tar.write(busybox);
            tar.closeArchiveEntry();
            TarArchiveEntry sh = new TarArchiveEntry("bin/sh", TarArchiveEntry.LF_SYMLINK);
            sh.setLinkName("busybox");
            tar.putArchiveEntry(sh);
            tar.closeArchiveEntry();
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    /** Writes an OCI image layout holding this image as {@code latest}, as skopeo reads it. */
    Path writeLayout(Path dir, InMemoryBlobStore store) throws IOException {
        Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
        for (Digest d : List.of(digest(), config.digest(), layer.digest())) {
            Files.write(blobs.resolve(d.hex()), store.bytes(d));
        }
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Descriptor entry = new Descriptor(MediaTypes.OCI_MANIFEST, digest(), manifest.length,
                Map.of("org.opencontainers.image.ref.name", "latest"), null);
        ObjectNode index = TestManifests.JSON.createObjectNode();
        index.put("schemaVersion", 2);
        ObjectNode m = TestManifests.descriptor(entry);
        m.putObject("annotations").put("org.opencontainers.image.ref.name", "latest");
        index.putArray("manifests").add(m);
        Files.write(dir.resolve("index.json"), TestManifests.JSON.writeValueAsBytes(index));
        return dir;
    }
}
