package dev.shipyard.worker.sandbox.runc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipyard.worker.sandbox.Runtime;
import dev.shipyard.worker.sandbox.RuntimeContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledIf;

@EnabledIf("runcInstalled")
class RuncRuntimeIT extends RuntimeContract {
    @Override
    protected Runtime newRuntime() {
        return new RuncRuntime();
    }

    static boolean runcInstalled() {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, "runc")));
    }

    @AfterEach
    void noContainerOrNetnsLeft() throws Exception {
        Path state = Path.of("/run/shipyard-runc");
        if (Files.isDirectory(state)) {
            try (Stream<Path> containers = Files.list(state)) {
                assertThat(containers.toList()).as("runc containers left behind").isEmpty();
            }
        }
        Path netns = Path.of("/run/netns");
        if (Files.isDirectory(netns)) {
            try (Stream<Path> names = Files.list(netns)) {
                assertThat(names.filter(p -> p.getFileName().toString().startsWith("shipyard-")).toList())
                        .as("network namespaces left behind").isEmpty();
            }
        }
    }
}
