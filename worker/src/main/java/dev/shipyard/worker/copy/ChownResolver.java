package dev.shipyard.worker.copy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Turns {@code --chown=user[:group]} into numbers through the destination rootfs's /etc/passwd and
 * /etc/group, as BuildKit does: a name that is not listed counts as 0, a user alone brings its
 * primary group, and a number alone is used for both.
 */
final class ChownResolver {

    private ChownResolver() {
    }

    /** The owner for a --chown value, or empty when the value is null. */
    static Optional<Owner> resolve(String chown, Path rootfs) {
        if (chown == null || chown.isEmpty()) {
            return Optional.empty();
        }
        int colon = chown.indexOf(':');
        String user = colon < 0 ? chown : chown.substring(0, colon);
        int uid = 0;
        int gid = 0;
        OptionalInt numericUser = number(user);
        if (numericUser.isPresent()) {
            uid = numericUser.getAsInt();
            gid = uid;
        } else {
            List<String> entry = find(rootfs, "/etc/passwd", user, 4);
            if (!entry.isEmpty()) {
                uid = parseField(entry.get(2), "/etc/passwd", user);
                gid = parseField(entry.get(3), "/etc/passwd", user);
            }
        }
        if (colon >= 0) {
            String group = chown.substring(colon + 1);
            OptionalInt numericGroup = number(group);
            if (numericGroup.isPresent()) {
                gid = numericGroup.getAsInt();
            } else {
                List<String> entry = find(rootfs, "/etc/group", group, 3);
                if (!entry.isEmpty()) {
                    gid = parseField(entry.get(2), "/etc/group", group);
                }
            }
        }
        return Optional.of(new Owner(uid, gid));
    }

    private static OptionalInt number(String text) {
        if (text.isEmpty() || !text.chars().allMatch(Character::isDigit)) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw new CopyException("could not use --chown id " + text + ": it is out of range", e);
        }
    }

    private static List<String> find(Path rootfs, String file, String name, int minFields) {
        Path path = RootedPath.resolve(rootfs, file);
        if (name.isEmpty() || !Files.isRegularFile(path)) {
            return List.of();
        }
        try {
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                List<String> fields = List.of(line.split(":", -1));
                if (fields.size() >= minFields && fields.get(0).equals(name)) {
                    return fields;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + " of the destination: " + e.getMessage(), e);
        }
        return List.of();
    }

    private static int parseField(String value, String file, String name) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new CopyException("could not resolve --chown " + name + ": " + file + " has id '" + value + "'", e);
        }
    }
}
