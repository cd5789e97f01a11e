package dev.shipyard.worker.sandbox.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shipyard.worker.sandbox.CancellationToken;
import dev.shipyard.worker.sandbox.OutputListener;
import dev.shipyard.worker.sandbox.ResourceLimits;
import dev.shipyard.worker.sandbox.Runtime;
import dev.shipyard.worker.sandbox.RuntimeContract;
import dev.shipyard.worker.sandbox.StepFailedException;
import dev.shipyard.worker.sandbox.StepCancelledException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

    @Test
    void run_limits_areWrittenToTheStepsCgroup() throws Exception {
        CancellationToken cancel = new CancellationToken();
        CompletableFuture<Throwable> done = CompletableFuture.supplyAsync(() -> {
            try {
                runtime.run(spec("sleep 1000").withLimits(new ResourceLimits(96L << 20, 64, 0.5)),
                        OutputListener.DISCARD, cancel);
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        List<String> values = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            values.clear();
            for (Path dir : stepCgroups()) {
                for (String file : List.of("memory.limit_in_bytes", "memory.max", "pids.max", "cpu.cfs_quota_us", "cpu.max")) {
                    if (Files.exists(dir.resolve(file))) {
                        values.add(file + "=" + Files.readString(dir.resolve(file)).trim());
                    }
                }
            }
            return values.size() >= 3;
        });
        cancel.cancel();
        assertThat(done.get(20, TimeUnit.SECONDS)).isInstanceOf(StepCancelledException.class);
        assertThat(values).anyMatch(v -> v.equals("memory.limit_in_bytes=100663296") || v.equals("memory.max=100663296"))
                .anyMatch(v -> v.equals("pids.max=64"))
                .anyMatch(v -> v.equals("cpu.cfs_quota_us=50000") || v.equals("cpu.max=50000 100000"));
    }
}
