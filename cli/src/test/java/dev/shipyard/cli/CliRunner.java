package dev.shipyard.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import picocli.CommandLine;

/**
 * Runs the shipyard command in this JVM and keeps what it printed; with {@link #useHome} the commands see that
 * directory as {@code SHIPYARD_HOME} until the test ends. Register it with {@code @RegisterExtension}.
 */
final class CliRunner implements AfterEachCallback {
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    /** Runs {@code shipyard args...} and answers its exit code; the output of earlier runs is dropped. */
    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    void useHome(Path home) {
        System.setProperty("shipyard.home", home.toString());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.clearProperty("shipyard.home");
    }
}
