package dev.shipyard.cachekey;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a RUN step reads besides its instruction and its parent layers.
 *
 * @param env the environment RUN sees, proxy variables excluded (they must not change the result)
 * @param user the USER in effect, as written ({@code ""} for root by default)
 * @param workdir the working directory
 * @param shell the SHELL in effect for the shell form
 * @param mountSources for each {@code --mount from=} target, the identity of what it mounts (a chain id)
 */
public record RunInputs(Map<String, String> env, String user, String workdir, List<String> shell,
                        SortedMap<String, String> mountSources) {

    public RunInputs {
        env = new TreeMap<>(env);
        user = Objects.requireNonNullElse(user, "");
        workdir = Objects.requireNonNullElse(workdir, "/");
        shell = List.copyOf(shell);
        mountSources = new TreeMap<>(mountSources);
    }
}
