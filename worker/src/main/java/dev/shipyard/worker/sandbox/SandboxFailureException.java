package dev.shipyard.worker.sandbox;

/** The sandbox itself could not be set up or supervised (mounts, cgroups, launcher): retriable elsewhere. */
public final class SandboxFailureException extends SandboxException {
    public SandboxFailureException(String message, Throwable cause) {
        super(message, cause);
    }

    public SandboxFailureException(String message) {
        super(message, null);
    }

    @Override
    public boolean isRetriable() {
        return true;
    }
}
