package dev.shipyard.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Short, user-facing reasons for common failures. */
final class CliErrors {

    private CliErrors() {
    }

    static String reason(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
