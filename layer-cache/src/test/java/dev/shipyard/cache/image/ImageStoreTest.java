package dev.shipyard.cache.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.cache.blob.local.LocalBlobStore;
import dev.shipyard.cache.blob.local.LocalConfig;
import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.ImageConfig;
import dev.shipyard.oci.MediaTypes;
import dev.shipyard.oci.Platform;
import dev.shipyard.oci.archive.ArchiveFormat;
import dev.shipyard.oci.archive.ArchiveImage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {

    @TempDir
    Path home;
    private ImageStore store;

    @BeforeEach
    void setUp() throws Exception {
        store = open(home);
    }

    private static ImageStore open(Path dir) throws Exception {
        LocalBlobStore blobs = new LocalBlobStore(new LocalConfig(dir.resolve("blobs"), 1L << 30), new SimpleMeterRegistry());
        return ImageStore.open(dir.resolve("images"), blobs);
    }

    /** A one-file gzip layer, stored in {@code store}'s blobs; returns the image that uses it. */
    private static ArchiveImage image(ImageStore store, String name, String content) throws Exception {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry("hello.txt");
            entry.setSize(data.length);
            out.putArchiveEntry(entry);
            out.write(data);
            out.closeArchiveEntry();
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar.toByteArray());
        }
        Digest diffId = Digest.sha256(tar.toByteArray());
        Digest digest = Digest.sha256(gz.toByteArray());
        store.blobs().put(digest, new ByteArrayInputStream(gz.toByteArray()), gz.size());
        ImageConfig config = ImageConfig.scratch(Platform.parse("linux/amd64")).addLayer(diffId, dev.shipyard.oci.History.of(null, "COPY hello.txt / # buildkit"));
        return ArchiveImage.of(List.of(name), config,
                List.of(new Descriptor(MediaTypes.OCI_LAYER_GZIP, digest, gz.size())));
    }

    @Test
    void put_thenResolve_byShortAndFullName() throws Exception {
        ArchiveImage stored = store.put(image(store, "app:1.0", "one"));
        assertThat(stored.names()).containsExactly("docker.io/library/app:1.0");
        assertThat(store.resolve("app:1.0")).get().extracting(ArchiveImage::manifestDescriptor)
                .isEqualTo(stored.manifestDescriptor());
        assertThat(store.resolve("docker.io/library/app:1.0")).isPresent();
        assertThat(store.resolve("app")).isEmpty();
        assertThat(store.resolve("app:2.0")).isEmpty();
    }

    @Test
    void put_layerMissingFromBlobs_failsAndTagsNothing() throws Exception {
        ArchiveImage image = image(store, "app:1", "x");
        store.blobs().delete(image.layers().get(0).digest());
        assertThatThrownBy(() -> store.put(image)).hasMessageContaining("is not in the blob store");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void list_showsFamiliarNamesIdsAndSizes_andRemoveUntags() throws Exception {
        ArchiveImage a = store.put(image(store, "b:1", "b"));
        store.put(image(store, "127.0.0.1:5000/team/a:2", "a"));
        assertThat(store.list()).extracting(ImageStore.ImageEntry::familiarName)
                .containsExactly("127.0.0.1:5000/team/a:2", "b:1");
        assertThat(store.list().get(1).id()).isEqualTo(a.config().digest());
        assertThat(store.list().get(1).size()).isEqualTo(a.layers().get(0).size());
        assertThat(store.remove("b:1")).isTrue();
        assertThat(store.remove("b:1")).isFalse();
        assertThat(store.list()).hasSize(1);
    }

    @Test
    void tag_addsAnotherNameToTheSameManifest() throws Exception {
        ArchiveImage stored = store.put(image(store, "app:1", "x"));
        store.tag("app:latest", stored.manifestDescriptor());
        assertThat(store.resolve("app").orElseThrow().manifest().digest()).isEqualTo(stored.manifest().digest());
    }

    @Test
    void saveThenLoad_intoAnotherHome_keepsDigestsAndNames(@TempDir Path other) throws Exception {
        ArchiveImage stored = store.put(image(store, "app:1", "payload"));
        for (ArchiveFormat format : ArchiveFormat.values()) {
            Path archive = home.resolve("out-" + format + ".tar");
            try (OutputStream out = Files.newOutputStream(archive)) {
                store.save(List.of("app:1"), out, format);
            }
            ImageStore target = open(other.resolve(format.name()));
            assertThat(target.load(archive)).containsExactly("docker.io/library/app:1");
            ArchiveImage loaded = target.resolve("app:1").orElseThrow();
            assertThat(loaded.manifest().digest()).isEqualTo(stored.manifest().digest());
            assertThat(target.blobs().has(stored.layers().get(0).digest())).isTrue();
        }
    }

    @Test
    void save_unknownName_failsNamingIt() {
        assertThatThrownBy(() -> store.save(List.of("nope:1"), OutputStream.nullOutputStream(), ArchiveFormat.OCI))
                .isInstanceOf(ImageNotFoundException.class)
                .hasMessageContaining("image nope:1 not found in the local image store");
    }

    @Test
    void twoStoresOnOneHome_seeEachOthersTags() throws Exception {
        ImageStore second = open(home);
        store.put(image(store, "one:1", "1"));
        second.put(image(second, "two:1", "2"));
        assertThat(store.resolve("two:1")).isPresent();
        assertThat(second.resolve("one:1")).isPresent();
    }

    @Test
    void put_manyThreadsOnTwoStoresOfOneHome_loseNoName() throws Exception {
        ImageStore second = open(home);
        List<ArchiveImage> images = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            ImageStore target = i % 2 == 0 ? store : second;
            images.add(image(target, "app" + i + ":1", "content " + i));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<ArchiveImage>> puts = new java.util.ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                ImageStore target = i % 2 == 0 ? store : second;
                ArchiveImage image = images.get(i);
                puts.add(pool.submit(() -> target.put(image)));
            }
            for (java.util.concurrent.Future<ArchiveImage> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.list()).hasSize(16);
    }

    @Test
    void referencedBlobs_coverManifestConfigAndLayers() throws Exception {
        ArchiveImage stored = store.put(image(store, "app:1", "x"));
        assertThat(store.referencedBlobs()).containsExactlyInAnyOrder(stored.manifest().digest(),
                stored.config().digest(), stored.layers().get(0).digest());
    }
}
