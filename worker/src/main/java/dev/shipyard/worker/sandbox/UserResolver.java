package dev.shipyard.worker.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Resolves {@code USER name[:group]} or {@code uid[:gid]} through the rootfs's own {@code /etc/passwd}
 * and {@code /etc/group} (never the host's), with the semantics of BuildKit's runc executor: a name must
 * exist, a number need not; without a group the user's primary group is used, else 0.
 */
public final class UserResolver {
    private static final String DEFAULT_HOME = "/";

    private UserResolver() {
    }

    public static ResolvedUser resolve(Path rootfs, String spec) throws UserNotFoundException, IOException {
        String value = spec == null ? "" : spec.trim();
        if (value.isEmpty()) {
            value = "0";
        }
        int colon = value.indexOf(':');
        String userPart = colon < 0 ? value : value.substring(0, colon);
        String groupPart = colon < 0 ? null : value.substring(colon + 1);
        List<String[]> passwd = read(rootfs, "/etc/passwd");
        Optional<String[]> entry = findUser(passwd, userPart);
        Integer uid = number(userPart);
        if (entry.isEmpty() && uid == null) {
            throw new UserNotFoundException("unable to find user " + userPart + ": no matching entries in passwd file");
        }
        if (entry.isPresent()) {
            uid = Integer.parseInt(entry.get()[2]);
        }
        int gid = entry.map(e -> Integer.parseInt(e[3])).orElse(0);
        if (groupPart != null && !groupPart.isEmpty()) {
            gid = resolveGroup(rootfs, groupPart);
        }
        String home = entry.map(e -> e[5]).filter(h -> !h.isEmpty()).orElse(DEFAULT_HOME);
        return new ResolvedUser(new SandboxUser(uid, gid), home);
    }

    private static int resolveGroup(Path rootfs, String group) throws IOException, UserNotFoundException {
        for (String[] e : read(rootfs, "/etc/group")) {
            if (e.length >= 3 && e[0].equals(group) && number(e[2]) != null) {
                return Integer.parseInt(e[2]);
            }
        }
        Integer gid = number(group);
        if (gid == null) {
            throw new UserNotFoundException("unable to find group " + group + ": no matching entries in group file");
        }
        return gid;
    }

    private static Optional<String[]> findUser(List<String[]> passwd, String user) {
        Integer uid = number(user);
        for (String[] e : passwd) {
            if (e.length < 7 || number(e[2]) == null || number(e[3]) == null) {
                continue;
            }
            if (uid == null ? e[0].equals(user) : e[2].equals(Integer.toString(uid))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static List<String[]> read(Path rootfs, String file) throws IOException {
        Path path = RootfsPath.resolve(rootfs, file);
        if (!Files.isRegularFile(path)) {
            return List.of();
        }
        return Files.readAllLines(path, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split(":", -1))
                .toList();
    }

    private static Integer number(String s) {
        if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(Character::isDigit)) {
            return null;
        }
        long n = Long.parseLong(s);
        return n > Integer.MAX_VALUE ? null : (int) n;
    }
}
