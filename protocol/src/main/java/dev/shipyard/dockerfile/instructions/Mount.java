package dev.shipyard.dockerfile.instructions;

/**
 * One {@code RUN --mount=...} as typed options. Numbers stay text because they may hold variables until
 * expansion; they are validated whenever they are literal.
 *
 * @param spec the flag value as written
 * @param type bind (the default), cache, tmpfs, secret or ssh
 * @param target target, dst or destination; null when absent
 * @param source source or src; null when absent
 * @param from the stage or image to mount from; null when absent
 * @param readOnly ro/readonly/rw, defaulting to read-only except for cache and tmpfs
 * @param id the cache, secret or ssh id; null when absent
 * @param sharing the cache sharing mode, {@code SHARED} by default for cache mounts, null for the others
 * @param mode octal file mode; null when absent
 * @param uid owner user id; null when absent
 * @param gid owner group id; null when absent
 * @param size tmpfs size limit such as {@code 64m}; null when absent
 * @param required secret and ssh mounts: fail when the secret or agent is missing
 * @param env secret mounts: the environment variable to expose the secret in; null when absent
 */
public record Mount(String spec, MountType type, String target, String source, String from, boolean readOnly,
                    String id, CacheSharing sharing, String mode, String uid, String gid, String size,
                    boolean required, String env) {
}
