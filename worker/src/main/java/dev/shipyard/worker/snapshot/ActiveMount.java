package dev.shipyard.worker.snapshot;

import dev.shipyard.oci.Digest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A writable OverlayFS mount over a chain of snapshots: the step runs in {@link #merged()}, its changes land in
 * {@link #upper()}. Finish it with {@link SnapshotStore#commit} or {@link SnapshotStore#abort}.
 */
public final class ActiveMount {

    private final String id;
    private final Path dir;
    private final List<Digest> parents;
    private final AtomicBoolean mounted = new AtomicBoolean(true);

    ActiveMount(String id, Path dir, List<Digest> parents) {
        this.id = id;
        this.dir = dir;
        this.parents = List.copyOf(parents);
    }

    public String id() {
        return id;
    }

    /** The root filesystem the step sees. */
    public Path merged() {
        return dir.resolve("merged");
    }

    /** The step's changes; becomes the new snapshot on commit. Read it only after {@link SnapshotStore#unmount}. */
    public Path upper() {
        return dir.resolve("upper");
    }

    /** Chain ids of the lower snapshots, bottom first; empty for {@code FROM scratch}. */
    public List<Digest> parents() {
        return parents;
    }

    /** The chain id the new layer sits on, or null for the first layer. */
    public Digest parent() {
        return parents.isEmpty() ? null : parents.get(parents.size() - 1);
    }

    public boolean isMounted() {
        return mounted.get();
    }

    Path dir() {
        return dir;
    }

    Path work() {
        return dir.resolve("work");
    }

    Path lowerLinks() {
        return dir.resolve("lower");
    }

    /** Flips to unmounted; true only for the caller that did the flip. */
    boolean markUnmounted() {
        return mounted.compareAndSet(true, false);
    }

    @Override
    public String toString() {
        return "ActiveMount[" + id + " over " + parents.size() + " layers at " + merged() + "]";
    }
}
