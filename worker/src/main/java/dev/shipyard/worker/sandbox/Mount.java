package dev.shipyard.worker.sandbox;

import java.nio.file.Path;

/** A mount a RUN step sees ({@code RUN --mount}); the caller has already resolved sources to host paths. */
public sealed interface Mount permits Mount.Bind, Mount.Tmpfs {
    /** Absolute path inside the rootfs. */
    String target();

    /** A host file or directory (a cache, a bind from another stage or the context, a secret file). */
    record Bind(Path source, String target, boolean readOnly) implements Mount {
        public Bind {
            Mounts.checkTarget(target);
            if (!source.isAbsolute()) {
                throw new IllegalArgumentException("bind mount source must be absolute: " + source);
            }
        }
    }

    /** An empty tmpfs; {@code sizeBytes} 0 means the kernel's default (half the memory). */
    record Tmpfs(String target, long sizeBytes) implements Mount {
        public Tmpfs {
            Mounts.checkTarget(target);
            if (sizeBytes < 0) {
                throw new IllegalArgumentException("tmpfs size must not be negative: " + sizeBytes);
            }
        }
    }
}
