package dev.shipyard.worker.sandbox;

import java.util.ArrayList;
import java.util.List;

/** Lets a caller stop a running step; callbacks run once, on the cancelling thread or at registration. */
public final class CancellationToken {
    private final List<Runnable> callbacks = new ArrayList<>();
    private boolean cancelled;

    /** Undoes an {@link #onCancel} registration. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    public static CancellationToken none() {
        return new CancellationToken();
    }

    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = List.copyOf(callbacks);
            callbacks.clear();
        }
        toRun.forEach(Runnable::run);
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Runs {@code callback} on cancellation (at once when already cancelled); returns a handle to unregister. */
    public Registration onCancel(Runnable callback) {
        boolean runNow;
        synchronized (this) {
            runNow = cancelled;
            if (!runNow) {
                callbacks.add(callback);
            }
        }
        if (runNow) {
            callback.run();
        }
        return () -> {
            synchronized (this) {
                callbacks.remove(callback);
            }
        };
    }
}
