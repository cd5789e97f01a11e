package dev.shipyard.worker.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * The environment of a RUN step as BuildKit builds it: the image's and the step's variables, then the
 * default {@code PATH} when there is none, {@code HOSTNAME} and {@code HOME} (from passwd, as runc sets it).
 */
public final class SandboxEnv {
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private SandboxEnv() {
    }

    /** {@code env} (later entries win, order kept) completed with PATH, HOSTNAME and HOME when absent. */
    public static List<String> forRun(List<String> env, String hostname, ResolvedUser user) {
        List<String> out = new ArrayList<>();
        for (String entry : env) {
            String key = key(entry);
            out.removeIf(e -> key(e).equals(key));
            out.add(entry);
        }
        addIfAbsent(out, "PATH", DEFAULT_PATH);
        addIfAbsent(out, "HOSTNAME", hostname);
        addIfAbsent(out, "HOME", user.home());
        return List.copyOf(out);
    }

    private static void addIfAbsent(List<String> env, String key, String value) {
        if (env.stream().noneMatch(e -> key(e).equals(key))) {
            env.add(key + "=" + value);
        }
    }

    private static String key(String entry) {
        int eq = entry.indexOf('=');
        return eq < 0 ? entry : entry.substring(0, eq);
    }
}
