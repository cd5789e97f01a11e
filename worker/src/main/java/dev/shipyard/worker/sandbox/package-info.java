/**
 * The sandbox a Dockerfile RUN step executes in: a pure {@link dev.shipyard.worker.sandbox.SandboxSpec}
 * (built from the image's config, the instruction and its {@code --mount}/{@code --network} flags, and
 * unit-tested without root) and the {@link dev.shipyard.worker.sandbox.Runtime} interface that executes it.
 *
 * <p>Failures are typed: {@link dev.shipyard.worker.sandbox.StepFailedException} (the command's fault,
 * permanent), {@link dev.shipyard.worker.sandbox.SandboxFailureException} (the worker's, retriable) and
 * {@link dev.shipyard.worker.sandbox.StepCancelledException}.
 */
package dev.shipyard.worker.sandbox;
