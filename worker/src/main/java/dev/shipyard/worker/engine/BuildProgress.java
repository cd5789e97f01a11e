package dev.shipyard.worker.engine;

import java.time.Duration;

/** Receives what a build does, step by step; called from several threads when stages run in parallel. */
public interface BuildProgress {

    /** A step starts; {@code id} numbers it in the build, {@code title} reads {@code [stage 2/5] RUN make}. */
    void started(int id, String title);

    /** A line of the step's output, {@code elapsed} after it started. */
    void output(int id, Duration elapsed, String line);

    /** The step's result came from the cache. */
    void cached(int id);

    void done(int id, Duration elapsed);

    void failed(int id, Duration elapsed, String message);

    BuildProgress NONE = new BuildProgress() {
        @Override
        public void started(int id, String title) {
        }

        @Override
        public void output(int id, Duration elapsed, String line) {
        }

        @Override
        public void cached(int id) {
        }

        @Override
        public void done(int id, Duration elapsed) {
        }

        @Override
        public void failed(int id, Duration elapsed, String message) {
        }
    };
}
