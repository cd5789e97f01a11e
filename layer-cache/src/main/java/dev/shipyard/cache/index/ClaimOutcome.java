package dev.shipyard.cache.index;

import java.util.Objects;

/** How {@link Claims#claimOrWait} ended: the caller executes, or someone else's result (or failure) arrived. */
public sealed interface ClaimOutcome {

    /** The caller holds the claim and must execute the step, then complete, fail or release the handle. */
    record Claimed(ClaimHandle handle) implements ClaimOutcome {
        public Claimed {
            Objects.requireNonNull(handle, "handle");
        }
    }

    /** The key was (or has just been) published; no execution is needed. */
    record Published(LayerRecord record) implements ClaimOutcome {
        public Published {
            Objects.requireNonNull(record, "record");
        }
    }

    /** The execution the caller waited for failed; {@code reason} is the claimer's. */
    record Failed(String reason) implements ClaimOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
