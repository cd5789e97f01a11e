package dev.shipyard.worker.sandbox;

/** Network of a RUN step: the host's ({@code --network=default|host}) or an empty namespace with only lo. */
public enum NetworkMode {
    HOST,
    NONE
}
