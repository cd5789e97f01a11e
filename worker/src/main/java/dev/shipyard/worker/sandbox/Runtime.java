package dev.shipyard.worker.sandbox;

/**
 * Executes one RUN step in an isolated sandbox rooted in {@link SandboxSpec#rootfs()}. Implementations
 * leave nothing behind (process, mount, cgroup, stub file) whatever the outcome.
 */
public interface Runtime {
    /**
     * Runs the step to completion, streaming its output.
     *
     * @throws StepFailedException the command failed, hit a limit or the timeout
     * @throws StepCancelledException {@code cancel} fired; the processes are gone when this is thrown
     * @throws SandboxFailureException the sandbox could not be built or supervised (retriable)
     */
    RunResult run(SandboxSpec spec, OutputListener output, CancellationToken cancel) throws SandboxException;

    /** A short name for logs and configuration ({@code builtin}, {@code runc}). */
    String name();
}
