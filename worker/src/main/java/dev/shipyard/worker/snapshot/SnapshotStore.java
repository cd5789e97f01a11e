package dev.shipyard.worker.snapshot;

import dev.shipyard.oci.Digest;
import dev.shipyard.oci.Layer;
import dev.shipyard.worker.fs.Posix;
import dev.shipyard.worker.layer.LayerUnpacker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacked layers on local disk, one directory per chain id ({@code <root>/snapshots/<hex>}), stacked with OverlayFS.
 * A snapshot is created once (unpacked into {@code tmp/}, then renamed into place) and never changes afterwards.
 * One store owns its root directory on a host.
 */
public final class SnapshotStore {

    /** OverlayFS refuses more lower layers than this (the kernel's {@code OVL_MAX_STACK}). */
    public static final int MAX_LOWER_LAYERS = 500;
    private static final int MAX_MOUNT_OPTIONS = 4095;
    private static final String OVERLAY_OPTIONS = ",index=off,metacopy=off,redirect_dir=off";
    private static final Logger log = LoggerFactory.getLogger(SnapshotStore.class);

    private final Path snapshots;
    private final Path active;
    private final Path tmp;
    private final Path empty;
    private final LayerUnpacker unpacker;
    private final ConcurrentMap<Digest, CompletableFuture<Void>> unpacking = new ConcurrentHashMap<>();

    public SnapshotStore(Path root, LayerUnpacker unpacker) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        if (base.toString().contains(",") || base.toString().contains(":")) {
            throw new IllegalArgumentException("invalid snapshot root '" + base + "': OverlayFS options cannot hold ',' or ':'; choose another directory");
        }
        this.snapshots = Files.createDirectories(base.resolve("snapshots"));
        this.active = Files.createDirectories(base.resolve("active"));
        this.tmp = Files.createDirectories(base.resolve("tmp"));
        this.empty = Files.createDirectories(base.resolve("empty"));
        this.unpacker = unpacker;
    }

    public SnapshotStore(Path root) throws IOException {
        this(root, new LayerUnpacker());
    }

    /** Unmounts and removes what a previous process left in {@code active/} and {@code tmp/}; call once at startup. */
    public void recover() throws IOException {
        List<Path> mounts = new ArrayList<>(MountTable.mountPointsUnder(active));
        Collections.reverse(mounts);
        for (Path mount : mounts) {
            log.warn("unmounting {} left over by an earlier worker", mount);
            Posix.umount(mount, true);
        }
        for (Path dir : List.of(active, tmp)) {
            try (var children = Files.list(dir)) {
                for (Path child : (Iterable<Path>) children::iterator) {
                    LayerUnpacker.deleteTree(child);
                }
            }
        }
    }

    public boolean has(Digest chainId) {
        return Files.isDirectory(path(chainId));
    }

    /** The directory of a snapshot (present or not). */
    public Path path(Digest chainId) {
        return snapshots.resolve(chainId.hex());
    }

    /**
     * Makes sure every prefix of {@code layers} (bottom first) is a snapshot, unpacking the missing ones exactly once
     * even when several threads ask at the same time; returns their chain ids, bottom first.
     */
    public List<Digest> ensure(List<? extends Layer> layers) throws IOException {
        List<Digest> chain = new ArrayList<>(layers.size());
        Digest parent = null;
        for (Layer layer : layers) {
            parent = ChainIds.next(parent, layer.diffId());
            if (!has(parent)) {
                unpackOnce(parent, layer);
            }
            chain.add(parent);
        }
        return chain;
    }

    private void unpackOnce(Digest chainId, Layer layer) throws IOException {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = unpacking.putIfAbsent(chainId, mine);
        if (running != null) {
            awaitOther(running, chainId);
            return;
        }
        try {
            if (!has(chainId)) {
                unpack(chainId, layer);
            }
            mine.complete(null);
        } catch (IOException | RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            unpacking.remove(chainId, mine);
        }
    }

    private void unpack(Digest chainId, Layer layer) throws IOException {
        Path temp = Files.createDirectory(tmp.resolve(chainId.hex() + "-" + UUID.randomUUID()));
        try {
            long started = System.nanoTime();
            LayerUnpacker.Result result;
            try (InputStream in = layer.open()) {
                result = unpacker.unpackVerifiable(in, temp);
            }
            Digest diffId = result.diffId();
            if (!result.digest().equals(layer.digest())) {
                throw new IOException("could not unpack layer " + layer.digest() + ": the blob read has digest "
                        + result.digest() + "; it is corrupt or truncated, fetch it again");
            }
            if (!diffId.equals(layer.diffId())) {
                throw new IOException("could not unpack layer " + layer.digest() + ": its tar has diffID " + diffId
                        + " but " + layer.diffId() + " was expected; the blob is corrupt or mislabelled");
            }
            publish(temp, chainId);
            log.debug("unpacked layer {} as snapshot {} in {} ms", layer.digest(), chainId.shortHex(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } finally {
            LayerUnpacker.deleteTree(temp);
        }
    }

    private static void awaitOther(CompletableFuture<Void> running, Digest chainId) throws IOException {
        try {
            running.join();
        } catch (CompletionException e) {
            throw new IOException("could not unpack snapshot " + chainId + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Renames a finished directory into place; if another writer got there first, its identical copy stays. */
    private void publish(Path dir, Digest chainId) throws IOException {
        try {
            Files.move(dir, path(chainId), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!has(chainId)) {
                throw new IOException("could not store snapshot " + chainId + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Mounts OverlayFS over {@code parents} (chain ids, bottom first; empty for {@code FROM scratch}) with a fresh
     * upper directory. Lower directories are passed as short relative names resolved in a per-mount directory of
     * symlinks, so hundreds of layers fit in the kernel's one-page mount options.
     */
    public ActiveMount prepare(List<Digest> parents) throws IOException {
        if (parents.size() > MAX_LOWER_LAYERS) {
            throw new IOException("could not prepare mount: " + parents.size() + " layers exceed OverlayFS's limit of "
                    + MAX_LOWER_LAYERS + "; squash the base image");
        }
        for (Digest parent : parents) {
            if (!has(parent)) {
                throw new IOException("could not prepare mount: snapshot " + parent + " is missing; call ensure() with its layers first");
            }
        }
        String id = UUID.randomUUID().toString();
        ActiveMount mount = new ActiveMount(id, Files.createDirectory(active.resolve(id)), parents);
        try {
            Files.createDirectory(mount.upper());
            Files.createDirectory(mount.work());
            Files.createDirectory(mount.merged());
            String lowerdir = linkLowers(mount);
            mountOverlay(mount, "lowerdir=" + lowerdir + ",upperdir=" + mount.upper() + ",workdir=" + mount.work() + OVERLAY_OPTIONS);
            return mount;
        } catch (IOException | RuntimeException e) {
            mount.markUnmounted();
            LayerUnpacker.deleteTree(mount.dir());
            throw e;
        }
    }

    private String linkLowers(ActiveMount mount) throws IOException {
        Path links = Files.createDirectory(mount.lowerLinks());
        List<Digest> parents = mount.parents();
        if (parents.isEmpty()) {
            Files.createSymbolicLink(links.resolve("0"), empty);
            return "0";
        }
        StringBuilder lowerdir = new StringBuilder();
        for (int i = 0; i < parents.size(); i++) {
            Files.createSymbolicLink(links.resolve(Integer.toString(i)), path(parents.get(parents.size() - 1 - i)));
            lowerdir.append(i == 0 ? "" : ":").append(i);
        }
        return lowerdir.toString();
    }

    private static void mountOverlay(ActiveMount mount, String options) throws IOException {
        if (options.length() > MAX_MOUNT_OPTIONS) {
            throw new IOException("could not mount " + mount + ": mount options are " + options.length()
                    + " bytes, over the kernel's " + MAX_MOUNT_OPTIONS + "; use a shorter snapshot root");
        }
        Process process = new ProcessBuilder("mount", "-t", "overlay", "overlay", "-o", options, mount.merged().toString())
                .directory(mount.lowerLinks().toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (process.waitFor() != 0) {
                throw new IOException("could not mount OverlayFS at " + mount.merged() + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("could not mount OverlayFS at " + mount.merged() + ": interrupted", e);
        }
    }

    /** Unmounts the merged view (idempotent); the upper directory may then be read, e.g. to write the layer. */
    public void unmount(ActiveMount mount) throws IOException {
        if (!mount.markUnmounted()) {
            return;
        }
        try {
            Posix.umount(mount.merged(), false);
        } catch (IOException busy) {
            log.warn("{} is busy ({}); detaching it lazily", mount.merged(), busy.getMessage());
            Posix.umount(mount.merged(), true);
        }
    }

    /**
     * Turns the mount's upper directory into the snapshot for {@code diffId} on top of its parents (a rename, no copy)
     * and returns the new chain id.
     */
    public Digest commit(ActiveMount mount, Digest diffId) throws IOException {
        unmount(mount);
        Digest chainId = ChainIds.next(mount.parent(), diffId);
        try {
            if (!has(chainId)) {
                publish(mount.upper(), chainId);
            }
        } finally {
            removeActiveDir(mount);
        }
        return chainId;
    }

    /** Unmounts and throws the step's changes away. */
    public void abort(ActiveMount mount) throws IOException {
        try {
            unmount(mount);
        } finally {
            removeActiveDir(mount);
        }
    }

    /** Never deletes through a view that is still mounted: that would write whiteouts, not free space. */
    private static void removeActiveDir(ActiveMount mount) throws IOException {
        if (MountTable.isMountPoint(mount.merged())) {
            throw new IOException("could not remove " + mount.dir() + ": " + mount.merged() + " is still mounted");
        }
        LayerUnpacker.deleteTree(mount.dir());
    }
}
