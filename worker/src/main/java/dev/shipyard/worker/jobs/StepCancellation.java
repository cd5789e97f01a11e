package dev.shipyard.worker.jobs;

import dev.shipyard.worker.sandbox.CancellationToken;

/** The cancellation signal of one step attempt; {@link #cancel()} fires it once. */
public final class StepCancellation implements CancellationSignal {
    private final CancellationToken token = CancellationToken.none();

    public void cancel() {
        token.cancel();
    }

    @Override
    public boolean isCancelled() {
        return token.isCancelled();
    }

    @Override
    public CancellationToken token() {
        return token;
    }
}
