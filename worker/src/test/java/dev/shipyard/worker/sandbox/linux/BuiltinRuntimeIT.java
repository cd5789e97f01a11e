package dev.shipyard.worker.sandbox.linux;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.worker.sandbox.CancellationToken;
import dev.shipyard.worker.sandbox.OutputListener;
import dev.shipyard.worker.sandbox.ResourceLimits;
import dev.shipyard.worker.sandbox.Runtime;
import dev.shipyard.worker.sandbox.RuntimeContract;
import dev.shipyard.worker.sandbox.StepFailedException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BuiltinRuntimeIT extends RuntimeContract {
    @Override
    protected Runtime newRuntime() throws Exception {
        return new BuiltinRuntime();
    }

    @Test
    void run_pidsLimitReached_saysSo() {
        assertThatThrownBy(() -> runtime.run(spec("f() { f | f; }; f").withLimits(new ResourceLimits(0, 16, 0))
                        .withTimeout(Duration.ofSeconds(20)), OutputListener.DISCARD, CancellationToken.none()))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("limit of 16 processes was reached");
    }
}
