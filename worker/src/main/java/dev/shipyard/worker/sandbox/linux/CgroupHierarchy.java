package dev.shipyard.worker.sandbox.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where step cgroups go on this host: the unified (v2) hierarchy when it is the only one, else the v1
 * memory, pids and cpu hierarchies, each under the cgroup the worker itself is in.
 */
record CgroupHierarchy(boolean unified, Map<String, Path> bases) {
    static final List<String> CONTROLLERS = List.of("memory", "pids", "cpu");
    private static final Path ROOT = Path.of("/sys/fs/cgroup");

    static CgroupHierarchy detect() throws IOException {
        if (Files.exists(ROOT.resolve("cgroup.controllers"))) {
            enableControllers(ROOT);
            return new CgroupHierarchy(true, Map.of("unified", ROOT));
        }
        return v1(Files.readAllLines(Path.of("/proc/self/cgroup")), Files.readAllLines(Path.of("/proc/self/mountinfo")));
    }

    /** The v1 bases: each controller's mount point joined with this process's own cgroup in it. */
    static CgroupHierarchy v1(List<String> own, List<String> mounts) {
        Map<String, Path> bases = new LinkedHashMap<>();
        for (String controller : CONTROLLERS) {
            mountOf(mounts, controller).ifPresent(mount -> bases.put(controller,
                    join(mount[1], strip(ownPath(own, controller), mount[0]))));
        }
        return new CgroupHierarchy(false, bases);
    }

    /** {root, mount point} of the v1 hierarchy that has {@code controller}. */
    private static Optional<String[]> mountOf(List<String> mountinfo, String controller) {
        for (String line : mountinfo) {
            String[] halves = line.split(" - ", 2);
            if (halves.length < 2) {
                continue;
            }
            String[] pre = halves[0].split(" ");
            String[] post = halves[1].split(" ");
            if (post[0].equals("cgroup") && post.length >= 3 && List.of(post[2].split(",")).contains(controller)) {
                return Optional.of(new String[] {pre[3], pre[4]});
            }
        }
        return Optional.empty();
    }

    private static String ownPath(List<String> procCgroup, String controller) {
        for (String line : procCgroup) {
            String[] parts = line.split(":", 3);
            if (parts.length == 3 && List.of(parts[1].split(",")).contains(controller)) {
                return parts[2];
            }
        }
        return "/";
    }

    private static String strip(String path, String root) {
        return !root.equals("/") && path.startsWith(root) ? path.substring(root.length()) : path;
    }

    private static Path join(String mountPoint, String path) {
        Path out = Path.of(mountPoint);
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                out = out.resolve(part);
            }
        }
        return out;
    }

    private static void enableControllers(Path dir) throws IOException {
        String available = Files.readString(dir.resolve("cgroup.controllers"));
        Path control = dir.resolve("cgroup.subtree_control");
        String enabled = Files.readString(control);
        for (String controller : CONTROLLERS) {
            if (available.contains(controller) && !enabled.contains(controller)) {
                Files.writeString(control, "+" + controller);
            }
        }
    }
}
