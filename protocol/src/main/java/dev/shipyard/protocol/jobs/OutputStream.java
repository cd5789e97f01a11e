package dev.shipyard.protocol.jobs;

/** Which stream of the step's process a line of output came from. */
public enum OutputStream {
    STDOUT,
    STDERR
}
