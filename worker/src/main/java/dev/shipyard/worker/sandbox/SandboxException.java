package dev.shipyard.worker.sandbox;

/** Why a step did not complete; the subtype tells the job loop whether to retry. */
public abstract sealed class SandboxException extends Exception
        permits StepFailedException, SandboxFailureException, StepCancelledException {
    protected SandboxException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when running the same step again elsewhere may succeed. */
    public abstract boolean isRetriable();
}
