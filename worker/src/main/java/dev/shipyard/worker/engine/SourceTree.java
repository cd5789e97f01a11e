package dev.shipyard.worker.engine;

import dev.shipyard.worker.snapshot.ActiveMount;
import dev.shipyard.worker.snapshot.SnapshotStore;
import java.io.IOException;
import java.nio.file.Path;

/** A directory steps read from (the context, or a mounted stage or image rootfs); closing releases the mount. */
final class SourceTree implements AutoCloseable {
    private final Path dir;
    private final SnapshotStore snapshots;
    private final ActiveMount mount;
    private final boolean keepOwners;

    private SourceTree(Path dir, SnapshotStore snapshots, ActiveMount mount, boolean keepOwners) {
        this.dir = dir;
        this.snapshots = snapshots;
        this.mount = mount;
        this.keepOwners = keepOwners;
    }

    static SourceTree context(Path dir) {
        return new SourceTree(dir, null, null, false);
    }

    /** Mounts {@code result}'s layers; changes made through the mount are thrown away on close. */
    static SourceTree of(StageResult result, SnapshotStore snapshots) throws IOException {
        ActiveMount mount = snapshots.prepare(snapshots.ensure(result.layers()));
        return new SourceTree(mount.merged(), snapshots, mount, true);
    }

    Path dir() {
        return dir;
    }

    boolean keepOwners() {
        return keepOwners;
    }

    @Override
    public void close() throws IOException {
        if (mount != null) {
            snapshots.abort(mount);
        }
    }
}
