package dev.shipyard.cache.gc;

import dev.shipyard.oci.Digest;
import java.util.Set;

/** Blobs that kept images hold (registered by an image store); garbage collection never removes them. */
public interface GcRoots {

    /** Pins {@code digests} on behalf of {@code holder} (an image reference, say); pinning twice is harmless. */
    void pin(String holder, Set<Digest> digests);

    /** Drops every pin of {@code holder}. */
    void unpinAll(String holder);

    /** Every pinned digest, whoever holds it. */
    Set<Digest> pinned();
}
