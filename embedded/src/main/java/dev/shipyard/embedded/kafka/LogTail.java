package dev.shipyard.embedded.kafka;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the last lines of a log file without loading the whole file. */
final class LogTail {

    private static final int MAX_BYTES = 64 * 1024;
    private static final int MAX_ERROR_SCAN_BYTES = 4 * 1024 * 1024;

    private LogTail() {
    }

    /** The last {@code lines} lines of {@code file}; empty if the file does not exist yet. */
    static List<String> read(Path file, int lines) throws IOException {
        if (lines < 0) {
            throw new IllegalArgumentException("lines must not be negative, was " + lines);
        }
        if (lines == 0 || !Files.exists(file)) {
            return List.of();
        }
        boolean partial = Files.size(file) > MAX_BYTES;
        List<String> all = Arrays.asList(readEnd(file).split("\\R"));
        // The first line of a partial read may be cut in the middle.
        int start = Math.max(partial ? 1 : 0, all.size() - lines);
        return List.copyOf(all.subList(Math.min(start, all.size()), all.size()));
    }

    /**
     * Up to {@code max} error and exception lines written to {@code file} from byte {@code offset} on (from
     * the start if the file was rolled since): the cause of a failed start is near the first of them.
     */
    static List<String> errorsSince(Path file, long offset, int max) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> errors = new ArrayList<>();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(offset <= raf.length() ? offset : 0);
            byte[] bytes = new byte[(int) Math.min(raf.length() - raf.getFilePointer(), MAX_ERROR_SCAN_BYTES)];
            raf.readFully(bytes);
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\\R")) {
                if (errors.size() < max && isError(line)) {
                    errors.add(line);
                }
            }
        }
        return List.copyOf(errors);
    }

    private static boolean isError(String line) {
        return line.contains(" ERROR ") || line.contains("Exception:") || line.startsWith("Caused by:");
    }

    private static String readEnd(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            raf.seek(length - size);
            raf.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
