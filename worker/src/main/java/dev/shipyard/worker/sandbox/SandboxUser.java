package dev.shipyard.worker.sandbox;

/** Numeric identity a RUN step runs as; like BuildKit's RUN it has no supplementary groups. */
public record SandboxUser(int uid, int gid) {
    public static final SandboxUser ROOT = new SandboxUser(0, 0);

    public SandboxUser {
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException("uid and gid must not be negative: " + uid + ":" + gid);
        }
    }
}
