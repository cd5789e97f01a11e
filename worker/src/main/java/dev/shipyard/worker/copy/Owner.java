package dev.shipyard.worker.copy;

/** A numeric owner of a file. */
public record Owner(int uid, int gid) {

    public static final Owner ROOT = new Owner(0, 0);

    @Override
    public String toString() {
        return uid + ":" + gid;
    }
}
