package dev.shipyard.worker.engine;

import dev.shipyard.dockerfile.ignore.DockerIgnore;
import dev.shipyard.worker.copy.BuildContext;
import dev.shipyard.worker.layer.LayerUnpacker;
import dev.shipyard.worker.snapshot.ActiveMount;
import dev.shipyard.worker.snapshot.SnapshotStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A directory steps read from (the context, or a mounted stage or image rootfs); closing releases the mount. */
final class SourceTree implements AutoCloseable {
    private final Path dir;
    private final SnapshotStore snapshots;
    private final ActiveMount mount;
    private final boolean keepOwners;
    private final boolean temporary;

    private SourceTree(Path dir, SnapshotStore snapshots, ActiveMount mount, boolean keepOwners, boolean temporary) {
        this.dir = dir;
        this.snapshots = snapshots;
        this.mount = mount;
        this.keepOwners = keepOwners;
        this.temporary = temporary;
    }

    static SourceTree context(Path dir) {
        return new SourceTree(dir, null, null, false, false);
    }

    /**
     * A private copy of the context, deleted on close: a writable bind mount must not change the context (it may
     * be the user's own directory, read in place), and BuildKit throws such writes away.
     */
    static SourceTree contextCopy(Path contextDir) throws IOException {
        Path copy = Files.createTempDirectory("shipyard-context-");
        try {
            BuildContext.materialize(contextDir, DockerIgnore.none(), copy);
        } catch (RuntimeException e) {
            LayerUnpacker.deleteTree(copy);
            throw e;
        }
        return new SourceTree(copy, null, null, false, true);
    }

    /** Mounts {@code result}'s layers; changes made through the mount are thrown away on close. */
    static SourceTree of(StageResult result, SnapshotStore snapshots) throws IOException {
        ActiveMount mount = snapshots.prepare(snapshots.ensure(result.layers()));
        return new SourceTree(mount.merged(), snapshots, mount, true, false);
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
        if (temporary) {
            LayerUnpacker.deleteTree(dir);
        }
    }
}
