package dev.shipyard.protocol.jobs;

import dev.shipyard.cachekey.CacheKey;
import dev.shipyard.oci.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One step to execute on a worker: which attempt of which step, the cache key it fills, the layers below it
 * (bottom first), the expanded instruction, what it runs with and reads, and its limits and deadline.
 */
public record StepJob(StepRef step, String cacheNamespace, CacheKey cacheKey, List<ParentLayer> parents,
                      StepInstruction instruction, StepEnvironment environment, StepInputs inputs, StepLimits limits,
                      Instant deadline) {

    /** The chain id of an empty parent chain ({@code FROM scratch}). */
    public static final String SCRATCH = "scratch";

    public StepJob {
        Objects.requireNonNull(step, "step");
        StepRef.requireText(cacheNamespace, "cacheNamespace");
        Objects.requireNonNull(cacheKey, "cacheKey");
        parents = List.copyOf(parents);
        Objects.requireNonNull(instruction, "instruction");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(deadline, "deadline");
    }

    /**
     * The OCI chain id of the parent layers, or {@link #SCRATCH}: steps on the same chain share the same
     * snapshots, so it is the key that sends them to the same worker.
     *
     * @see <a href="https://github.com/opencontainers/image-spec/blob/main/config.md#layer-chainid">ChainID</a>
     */
    public String chainId() {
        if (parents.isEmpty()) {
            return SCRATCH;
        }
        Digest chain = parents.get(0).diffId();
        for (ParentLayer layer : parents.subList(1, parents.size())) {
            chain = Digest.sha256(chain + " " + layer.diffId());
        }
        return chain.toString();
    }

    /** This job for its next attempt, after an infrastructure failure. */
    public StepJob nextAttempt() {
        return new StepJob(step.nextAttempt(), cacheNamespace, cacheKey, parents, instruction, environment, inputs,
                limits, deadline);
    }
}
