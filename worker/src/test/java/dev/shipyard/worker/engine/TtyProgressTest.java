package dev.shipyard.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TtyProgressTest {
    private static final int WIDTH = 40;

    private final StringWriter written = new StringWriter();
    private final TtyProgress progress = new TtyProgress(new PrintWriter(written), WIDTH);

    @Test
    void steps_runningThenFinished_oneLinePerStepMarkedCachedAndDone() {
        progress.started(1, "[1/3] FROM busybox");
        progress.started(2, "[2/3] RUN make");
        progress.output(2, Duration.ofMillis(5), "compiling");
        assertThat(screen()).hasSize(2);
        assertThat(screen().get(1)).startsWith("#2 [2/3] RUN make  > compiling");

        progress.done(1, Duration.ofMillis(100));
        progress.started(3, "[3/3] COPY . /app");
        progress.cached(3);
        progress.done(2, Duration.ofMillis(1500));

        List<String> screen = screen();
        assertThat(screen).hasSize(3);
        assertThat(screen.get(0)).startsWith("#1 [1/3] FROM busybox").endsWith("DONE 0.1s");
        assertThat(screen.get(1)).startsWith("#3 [3/3] COPY . /app").endsWith("CACHED");
        assertThat(screen.get(2)).startsWith("#2 [2/3] RUN make").endsWith("DONE 1.5s");
    }

    @Test
    void started_longTitle_cutToTerminalWidth() {
        progress.started(7, "[2/2] RUN a very long command line that does not fit in forty columns");
        List<String> screen = screen();
        assertThat(screen).hasSize(1);
        assertThat(screen.get(0)).hasSize(WIDTH - 1).startsWith("#7 [2/2] RUN a very").contains("…");
    }

    @Test
    void failed_step_lineMarkedAndMessagePrintedBelow() {
        progress.started(4, "[2/2] RUN false");
        progress.failed(4, Duration.ofMillis(200), "process exited with 1");
        assertThat(screen()).containsExactly(progress.fit("#4 [2/2] RUN false", "ERROR 0.2s"),
                "#4 ERROR: process exited with 1");
    }

    /** What a terminal shows after the output: applies line clears, cursor-up moves, carriage returns and newlines. */
    private List<String> screen() {
        List<StringBuilder> rows = new ArrayList<>();
        rows.add(new StringBuilder());
        int row = 0;
        Matcher m = Pattern.compile("\u001b\\[(\\d*)([AK])|\r|\n|[^\u001b\r\n]+").matcher(written.toString());
        while (m.find()) {
            String token = m.group();
            if (token.equals("\n")) {
                row++;
                if (row == rows.size()) {
                    rows.add(new StringBuilder());
                }
            } else if (token.equals("\r")) {
                continue;
            } else if ("A".equals(m.group(2))) {
                row -= Integer.parseInt(m.group(1));
                assertThat(row).as("cursor moved above the output").isNotNegative();
            } else if ("K".equals(m.group(2))) {
                rows.get(row).setLength(0);
            } else {
                rows.get(row).append(token);
            }
        }
        List<String> lines = new ArrayList<>();
        rows.forEach(r -> lines.add(r.toString()));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
