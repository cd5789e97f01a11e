package dev.shipyard.worker.copy;

import java.nio.file.Path;

/**
 * Where COPY and ADD read from: the build context (files become root-owned, as docker sends them)
 * or the rootfs of an earlier stage or image (owners are kept).
 *
 * @param dir the directory holding the sources
 * @param keepOwners true for stage and image roots, false for the build context
 */
public record SourceRoot(Path dir, boolean keepOwners) {

    public static SourceRoot context(Path dir) {
        return new SourceRoot(dir, false);
    }

    public static SourceRoot rootfs(Path dir) {
        return new SourceRoot(dir, true);
    }
}
