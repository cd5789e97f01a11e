/**
 * The worker's job loop contract, apart from the transport: a {@link dev.shipyard.worker.jobs.StepExecutor}
 * runs one step job, reports output through an {@link dev.shipyard.worker.jobs.EventSink}, watches a
 * {@link dev.shipyard.worker.jobs.CancellationSignal}; the {@link dev.shipyard.worker.jobs.RetryPolicy} decides
 * by failure type whether a failed attempt is retried.
 */
package dev.shipyard.worker.jobs;
