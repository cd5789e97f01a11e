package dev.shipyard.worker.engine;

/** A build stopped: a step failed, a base image is missing, or the engine could not do its part. */
public final class BuildFailedException extends Exception {

    public BuildFailedException(String message) {
        super(message);
    }

    public BuildFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
