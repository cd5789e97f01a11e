package dev.shipyard.worker.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipyard.oci.Digest;
import dev.shipyard.oci.Layer;
import dev.shipyard.worker.fs.FileStat;
import dev.shipyard.worker.fs.Posix;
import dev.shipyard.worker.layer.Compression;
import dev.shipyard.worker.layer.FileLayer;
import dev.shipyard.worker.layer.LayerOptions;
import dev.shipyard.worker.layer.LayerWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real OverlayFS mounts (needs root): diff → layer → unpack → mount again gives the same tree. */
class OverlaySnapshotIT {

    private static final Instant EPOCH = Instant.ofEpochSecond(1_700_000_000L);

    @TempDir
    Path tmp;
    SnapshotStore store;

    @BeforeEach
    void store() throws IOException {
        store = new SnapshotStore(tmp.resolve("store"));
    }

    @AfterEach
    void nothingLeftMounted() throws IOException {
        assertThat(MountTable.mountPointsUnder(tmp)).isEmpty();
    }

    private FileLayer baseLayer() throws IOException {
        Path base = Files.createDirectories(tmp.resolve("base"));
        Files.writeString(base.resolve("gone"), "to be deleted");
        Files.createDirectories(base.resolve("replaced/old"));
        Files.writeString(base.resolve("replaced/old/file"), "old");
        Files.writeString(base.resolve("replaced/kept-name"), "old");
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/hostname"), "base");
        return new LayerWriter(LayerOptions.defaults()).writeDirectory(base, tmp.resolve("base.tar.gz"));
    }

    /** What a RUN step might do, covering every kind of change. */
    private static void change(Path merged) throws IOException {
        Files.delete(merged.resolve("gone"));
        dev.shipyard.worker.layer.LayerUnpacker.deleteTree(merged.resolve("replaced"));
        Files.createDirectory(merged.resolve("replaced"));
        Files.writeString(merged.resolve("replaced/new"), "new");
        Files.writeString(merged.resolve("etc/hostname"), "changed");
        Files.writeString(merged.resolve("hard1"), "linked");
        Files.createLink(merged.resolve("hard2"), merged.resolve("hard1"));
        Files.createSymbolicLink(merged.resolve("abs-link"), Path.of("/etc/hostname"));
        Files.createSymbolicLink(merged.resolve("rel-link"), Path.of("etc/hostname"));
        Posix.mkfifo(merged.resolve("fifo"), 0640);
        Posix.mknod(merged.resolve("null"), FileStat.S_IFCHR, 0666, 1, 3);
        Path setuid = Files.writeString(merged.resolve("setuid"), "#!/bin/sh\n");
        Posix.lchown(setuid, 1000, 1001);
        Posix.chmod(setuid, 04755);
        Path sticky = Files.createDirectory(merged.resolve("sticky"));
        Posix.chmod(sticky, 01777);
        Posix.setXattr(merged.resolve("etc/hostname"), "user.shipyard", "yes".getBytes(StandardCharsets.UTF_8));
        Path deep = merged.resolve("d".repeat(60)).resolve("e".repeat(60)).resolve("f".repeat(60));
        Files.createDirectories(deep);
        Files.writeString(deep.resolve("long-" + "n".repeat(200)), "long");
    }

    private static List<TarArchiveEntry> entries(Layer layer) throws IOException {
        List<TarArchiveEntry> entries = new ArrayList<>();
        try (InputStream in = Compression.decompress(layer.open()); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                entries.add(e);
            }
        }
        return entries;
    }

    @Test
    void commit_stepChanges_layerUnpackedElsewhereGivesSameTree() throws IOException {
        FileLayer base = baseLayer();
        List<Digest> chain = store.ensure(List.of(base));
        ActiveMount mount = store.prepare(chain);
        change(mount.merged());
        store.unmount(mount);
        FileLayer diff = new LayerWriter(LayerOptions.defaults()).writeDiff(mount.upper(), tmp.resolve("diff.tar.gz"));
        Digest top = store.commit(mount, diff.diffId());

        List<String> names = entries(diff).stream().map(TarArchiveEntry::getName).toList();
        assertThat(names).contains(".wh.gone", "replaced/", "replaced/.wh..wh..opq", "replaced/new", "hard2");
        assertThat(names.indexOf("replaced/.wh..wh..opq")).isEqualTo(names.indexOf("replaced/") + 1);
        assertThat(entries(diff).stream().filter(e -> e.getName().equals("hard2")).findFirst().orElseThrow().isLink()).isTrue();
        assertThat(top).isEqualTo(ChainIds.of(List.of(base.diffId(), diff.diffId())).get(1));

        SnapshotStore fresh = new SnapshotStore(tmp.resolve("fresh"));
        List<Digest> freshChain = fresh.ensure(List.of(base, diff));
        assertThat(freshChain.get(1)).isEqualTo(top);
        assertThat(Posix.lstat(fresh.path(top).resolve("gone")).isOverlayWhiteout()).isTrue();
        assertThat(Posix.getXattr(fresh.path(top).resolve("replaced"), "trusted.overlay.opaque")).containsExactly('y');

        SortedMap<String, String> original = mountedTree(store, List.of(chain.get(0), top));
        SortedMap<String, String> unpacked = mountedTree(fresh, freshChain);
        assertThat(unpacked).isEqualTo(original);
        assertThat(original).doesNotContainKeys("gone", "replaced/old", "replaced/kept-name").containsKeys("replaced/new", "fifo");
        assertThat(original.get("setuid")).startsWith("104755 1000:1001");
        assertThat(original.get("sticky")).startsWith("41777");
        assertThat(original.get("null")).contains("dev=1,3");
        assertThat(original.get("hard1")).contains("links=2");
        assertThat(original.get("etc/hostname")).contains("user.shipyard=yes");
    }

    private static SortedMap<String, String> mountedTree(SnapshotStore store, List<Digest> chain) throws IOException {
        ActiveMount mount = store.prepare(chain);
        try {
            return Trees.describe(mount.merged());
        } finally {
            store.abort(mount);
        }
    }

    @Test
    void writeDiff_sameTreeTwice_byteIdenticalGzipAndZstd() throws IOException {
        List<Digest> chain = store.ensure(List.of(baseLayer()));
        List<FileLayer> gzip = new ArrayList<>();
        List<FileLayer> zstd = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            ActiveMount mount = store.prepare(chain);
            change(mount.merged());
            store.unmount(mount);
            LayerOptions options = LayerOptions.defaults().withSourceDateEpoch(EPOCH);
            gzip.add(new LayerWriter(options).writeDiff(mount.upper(), tmp.resolve("run" + run + ".tar.gz")));
            zstd.add(new LayerWriter(options.withCompression(Compression.ZSTD)).writeDiff(mount.upper(), tmp.resolve("run" + run + ".tar.zst")));
            store.abort(mount);
        }
        assertThat(gzip.get(1).digest()).isEqualTo(gzip.get(0).digest());
        assertThat(Files.readAllBytes(gzip.get(1).file())).isEqualTo(Files.readAllBytes(gzip.get(0).file()));
        assertThat(zstd.get(1).digest()).isEqualTo(zstd.get(0).digest());
        assertThat(zstd.get(0).diffId()).isEqualTo(gzip.get(0).diffId());
        assertThat(zstd.get(0).digest()).isNotEqualTo(gzip.get(0).digest());
        assertThat(gzip.get(0).size()).isEqualTo(Files.size(gzip.get(0).file()));
        assertThat(Digest.sha256(Files.readAllBytes(zstd.get(0).file()))).isEqualTo(zstd.get(0).digest());
        assertThat(entries(gzip.get(0))).allMatch(e -> e.getModTime().toInstant().getEpochSecond() <= EPOCH.getEpochSecond());
    }

    @Test
    void prepare_chainOf200Layers_mountsAndUnmountsCleanly() throws IOException {
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Path dir = Files.createDirectories(tmp.resolve("l/" + i));
            Files.writeString(dir.resolve("f" + i), Integer.toString(i));
            Files.writeString(dir.resolve("top"), Integer.toString(i));
            layers.add(new LayerWriter(LayerOptions.defaults().withCompression(Compression.NONE))
                    .writeDirectory(dir, tmp.resolve("l/" + i + ".tar")));
        }
        List<Digest> chain = store.ensure(layers);
        ActiveMount mount = store.prepare(chain);
        try {
            assertThat(MountTable.isMountPoint(mount.merged())).isTrue();
            try (var files = Files.list(mount.merged())) {
                assertThat(files.count()).isEqualTo(201);
            }
            assertThat(mount.merged().resolve("top")).hasContent("199");
            assertThat(mount.merged().resolve("f0")).hasContent("0");
        } finally {
            store.abort(mount);
        }
        assertThat(mount.merged()).doesNotExist();
    }

    @Test
    void prepare_scratch_emptyWritableRoot() throws IOException {
        ActiveMount mount = store.prepare(List.of());
        try (var files = Files.list(mount.merged())) {
            assertThat(files.count()).isZero();
        }
        Files.writeString(mount.merged().resolve("hello"), "world");
        store.unmount(mount);
        FileLayer layer = new LayerWriter(LayerOptions.defaults()).writeDiff(mount.upper(), tmp.resolve("scratch.tar.gz"));
        Digest chainId = store.commit(mount, layer.diffId());

        assertThat(chainId).isEqualTo(layer.diffId());
        assertThat(store.path(chainId).resolve("hello")).hasContent("world");
        assertThat(tmp.resolve("store/active")).isEmptyDirectory();
    }

    @Test
    void ensure_twoThreadsSameLayer_unpackedOnce() throws Exception {
        FileLayer base = baseLayer();
        AtomicInteger opens = new AtomicInteger();
        Layer counting = new CountingLayer(base, opens);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<List<Digest>> ensure = () -> store.ensure(List.of(counting));
            List<Future<List<Digest>>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(ensure));
            }
            for (Future<List<Digest>> r : results) {
                assertThat(r.get()).containsExactly(base.diffId());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(opens.get()).isEqualTo(1);
        assertThat(tmp.resolve("store/tmp")).isEmptyDirectory();
    }

    @Test
    void ensure_layerWithWrongDiffId_refusedAndNothingStored() throws IOException {
        FileLayer base = baseLayer();
        Digest wrong = Digest.sha256("something else");
        FileLayer lying = new FileLayer(base.file(), base.digest(), wrong, base.size(), base.mediaType());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.ensure(List.of(lying)))
                .isInstanceOf(IOException.class).hasMessageContaining("diffID");
        assertThat(store.has(wrong)).isFalse();
        assertThat(tmp.resolve("store/tmp")).isEmptyDirectory();
    }

    @Test
    void ensure_blobWithWrongDigest_refused() throws IOException {
        FileLayer base = baseLayer();
        FileLayer corrupt = new FileLayer(base.file(), Digest.sha256("other blob"), base.diffId(), base.size(), base.mediaType());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.ensure(List.of(corrupt)))
                .isInstanceOf(IOException.class).hasMessageContaining("corrupt or truncated");
        assertThat(store.has(base.diffId())).isFalse();
    }

    @Test
    void abort_afterFailedStep_unmountsAndRemoves() throws IOException {
        ActiveMount mount = store.prepare(store.ensure(List.of(baseLayer())));
        Files.writeString(mount.merged().resolve("partial"), "x");
        store.abort(mount);

        assertThat(mount.isMounted()).isFalse();
        assertThat(tmp.resolve("store/active")).isEmptyDirectory();
    }

    @Test
    void recover_mountLeftByEarlierProcess_unmountedAndRemoved() throws IOException {
        ActiveMount left = store.prepare(List.of());
        assertThat(MountTable.isMountPoint(left.merged())).isTrue();

        new SnapshotStore(tmp.resolve("store")).recover();

        assertThat(MountTable.mountPointsUnder(tmp)).isEmpty();
        assertThat(tmp.resolve("store/active")).isEmptyDirectory();
    }

    @Test
    void prepare_missingParent_refusedWithoutLeftovers() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.prepare(List.of(Digest.sha256("absent"))))
                .isInstanceOf(IOException.class).hasMessageContaining("is missing");
        assertThat(tmp.resolve("store/active")).isEmptyDirectory();
    }

    @Test
    void unpack_tarFromGnuTar_readable() throws Exception {
        FileLayer base = baseLayer();
        Process p = new ProcessBuilder("tar", "-tzvf", base.file().toString()).redirectErrorStream(true).start();
        String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(listing).isZero();
        assertThat(listing).contains("replaced/old/file").contains("etc/hostname");
    }

    /** A layer that counts how often it is opened. */
    private record CountingLayer(FileLayer delegate, AtomicInteger opens) implements Layer {
        @Override
        public Digest digest() {
            return delegate.digest();
        }

        @Override
        public Digest diffId() {
            return delegate.diffId();
        }

        @Override
        public long size() {
            return delegate.size();
        }

        @Override
        public String mediaType() {
            return delegate.mediaType();
        }

        @Override
        public InputStream open() throws IOException {
            opens.incrementAndGet();
            byte[] bytes = Files.readAllBytes(delegate.file());
            return new ByteArrayInputStream(bytes);
        }
    }
}
