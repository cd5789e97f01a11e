package dev.shipyard.worker.snapshot;

import dev.shipyard.oci.Digest;
import java.util.ArrayList;
import java.util.List;

/**
 * Chain ids: the identity of a stack of layers. {@code chainID(1) = diffID(1)},
 * {@code chainID(n) = sha256(chainID(n-1) + " " + diffID(n))}.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/config.md#layer-chainid">OCI layer ChainID</a>
 */
public final class ChainIds {

    private ChainIds() {
    }

    /** The chain id of {@code diffId} on top of {@code parent}; a null parent means the bottom layer. */
    public static Digest next(Digest parent, Digest diffId) {
        return parent == null ? diffId : Digest.sha256(parent + " " + diffId);
    }

    /** Chain ids of every prefix of {@code diffIds}, bottom first. */
    public static List<Digest> of(List<Digest> diffIds) {
        List<Digest> chain = new ArrayList<>(diffIds.size());
        Digest parent = null;
        for (Digest diffId : diffIds) {
            parent = next(parent, diffId);
            chain.add(parent);
        }
        return chain;
    }
}
