package dev.shipyard.worker.sandbox.linux;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The statically linked launcher ({@code src/main/c/sandbox-init.c}, built by Maven with gcc) copied
 * out of the classpath to an executable file once per worker process.
 */
final class SandboxInit {
    private static final String RESOURCE = "sandbox-init";
    private static Path extracted;

    private SandboxInit() {
    }

    static synchronized Path path() throws IOException {
        if (extracted != null && Files.isExecutable(extracted)) {
            return extracted;
        }
        try (InputStream in = SandboxInit.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("could not find the sandbox launcher on the classpath: the worker was built"
                        + " without gcc; rebuild it with gcc and glibc's static libraries installed");
            }
            Path dir = Files.createTempDirectory("shipyard-sandbox-init-");
            Path file = dir.resolve(RESOURCE);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r-x------"));
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            extracted = file;
            return file;
        }
    }
}
