package dev.shipyard.worker.sandbox;

/** The step was cancelled by its caller and its processes killed. */
public final class StepCancelledException extends SandboxException {
    public StepCancelledException(String command) {
        super("RUN " + command + ": cancelled", null);
    }

    @Override
    public boolean isRetriable() {
        return false;
    }
}
