package dev.shipyard.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the CLI needs to know about the terminal behind standard error: whether there is one, and its width. */
final class Terminals {
    private static final Logger LOG = LoggerFactory.getLogger(Terminals.class);
    private static final int DEFAULT_WIDTH = 80;

    private Terminals() {
    }

    /** True when file descriptor 2 is a terminal (Linux: it links to a tty or pseudo-terminal device). */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("could not tell whether standard error is a terminal: {}", e.toString());
            return false;
        }
    }

    /** The terminal's column count: {@code $COLUMNS}, else what {@code stty size} reports, else 80. */
    static int width() {
        String columns = System.getenv("COLUMNS");
        if (columns != null && columns.matches("\\d+")) {
            return Integer.parseInt(columns);
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String[] size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim().split(" ");
            if (stty.waitFor() == 0 && size.length == 2 && size[1].matches("\\d+")) {
                return Integer.parseInt(size[1]);
            }
        } catch (IOException e) {
            LOG.debug("could not read the terminal width: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return DEFAULT_WIDTH;
    }
}
