package dev.shipyard.worker.jobs;

import dev.shipyard.protocol.jobs.StepJob;

/**
 * Executes one step job to its layer: parent snapshots, sandbox, layer upload and index entry. Implementations
 * publish the index entry before returning, so a second execution of the same key finds it.
 */
@FunctionalInterface
public interface StepExecutor {

    /**
     * Runs {@code job}, printing through {@code sink}, stopping soon after {@code cancel} fires.
     *
     * @throws UserStepException when the step itself fails (not retried)
     * @throws Exception anything else is an infrastructure failure, retried on another attempt; a
     *     {@link dev.shipyard.worker.sandbox.SandboxException} says itself whether it is retriable
     */
    StepOutcome execute(StepJob job, EventSink sink, CancellationSignal cancel) throws Exception;
}
