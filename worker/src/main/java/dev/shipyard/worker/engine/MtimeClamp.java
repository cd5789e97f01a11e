package dev.shipyard.worker.engine;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/** Clamps modification times in a tree to an instant (SOURCE_DATE_EPOCH), as BuildKit does for exported files. */
final class MtimeClamp {

    private MtimeClamp() {
    }

    /** Sets every entry under {@code root} (root included) newer than {@code limit} to it; symlinks are not followed. */
    static void clamp(Path root, Instant limit) throws IOException {
        FileTime max = FileTime.from(limit);
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                clampOne(file, attrs, max);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                // after the children: writing them would have moved the directory's time again
                clampOne(dir, Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS), max);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void clampOne(Path path, BasicFileAttributes attrs, FileTime max) throws IOException {
        if (attrs.lastModifiedTime().compareTo(max) > 0) {
            Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(max, null, null);
        }
    }
}
