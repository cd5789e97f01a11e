package dev.shipyard.protocol.jobs;

/** Why a step failed, which decides whether it is worth another attempt. */
public enum FailureKind {
    /** The step itself failed (non-zero exit, missing COPY source): the same inputs fail again, never retried. */
    USER,
    /** The farm failed (worker, store, network): retriable, and failed only once the attempts are used up. */
    INFRA,
    /** The step was cancelled on request. */
    CANCELLED
}
