package dev.shipyard.worker.sandbox;

import dev.shipyard.config.ConfigException;
import dev.shipyard.config.Settings;
import dev.shipyard.worker.sandbox.linux.BuiltinRuntime;
import dev.shipyard.worker.sandbox.runc.RuncRuntime;
import java.io.IOException;
import java.nio.file.Path;

/** Picks the sandbox runtime from configuration: {@code worker.runtime=builtin|runc}. */
public final class SandboxRuntimes {
    public static final String RUNTIME = "worker.runtime";
    public static final String RUNC_PATH = "worker.runc.path";
    public static final String RUNC_ROOT = "worker.runc.root";

    private SandboxRuntimes() {
    }

    /** The configured runtime; {@code builtin} when unset. */
    public static Runtime fromSettings(Settings settings) throws IOException {
        String name = settings.string(RUNTIME, "builtin");
        if (name.equals("builtin")) {
            return new BuiltinRuntime();
        }
        if (name.equals("runc")) {
            return new RuncRuntime(settings.string(RUNC_PATH, "runc"),
                    Path.of(settings.string(RUNC_ROOT, "/run/shipyard-runc")));
        }
        throw new ConfigException(RUNTIME, "must be builtin or runc, not '" + name + "'");
    }
}
