package dev.shipyard.worker.jobs;

import dev.shipyard.worker.sandbox.CancellationToken;

/** Tells a running step that it should stop: cancelled by request, or handed back at shutdown. */
public interface CancellationSignal {

    boolean isCancelled();

    /** The token to pass to a sandbox runtime, fired together with this signal. */
    CancellationToken token();
}
