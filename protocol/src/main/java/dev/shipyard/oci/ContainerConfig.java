package dev.shipyard.oci;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The runtime defaults of an image (the {@code config} object of an image config), in the field order
 * BuildKit writes; fields Shipyard does not model are kept in {@code extra} and written back after the others.
 * A {@code null} list means unset and is left out of the JSON, as Go's {@code omitempty} does.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/config.md">OCI image config</a>
 */
public record ContainerConfig(String user, SortedSet<String> exposedPorts, List<String> env, List<String> entrypoint,
                              List<String> cmd, SortedSet<String> volumes, String workingDir,
                              SortedMap<String, String> labels, String stopSignal, boolean argsEscaped,
                              Healthcheck healthcheck, List<String> onBuild, List<String> shell,
                              SortedMap<String, JsonNode> extra) {

    private static final Set<String> KNOWN = Set.of("User", "ExposedPorts", "Env", "Entrypoint", "Cmd", "Volumes",
            "WorkingDir", "Labels", "StopSignal", "ArgsEscaped", "Healthcheck", "OnBuild", "Shell");

    public ContainerConfig {
        exposedPorts = Collections.unmodifiableSortedSet(new TreeSet<>(exposedPorts == null ? Set.of() : exposedPorts));
        volumes = Collections.unmodifiableSortedSet(new TreeSet<>(volumes == null ? Set.of() : volumes));
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels == null ? Map.of() : labels));
        extra = Collections.unmodifiableSortedMap(new TreeMap<>(extra == null ? Map.of() : extra));
        user = blankToNull(user);
        workingDir = blankToNull(workingDir);
        stopSignal = blankToNull(stopSignal);
        env = copy(env);
        entrypoint = copy(entrypoint);
        cmd = copy(cmd);
        onBuild = copy(onBuild);
        shell = copy(shell);
    }

    /** Nothing set: what {@code FROM scratch} starts from before Shipyard adds the default PATH. */
    public static ContainerConfig empty() {
        return new ContainerConfig(null, null, null, null, null, null, null, null, null, false, null, null, null, null);
    }

    /** Sets {@code name=value}, replacing an earlier value of {@code name} where it stands, as {@code ENV} does. */
    public ContainerConfig withEnv(String name, String value) {
        List<String> next = new ArrayList<>(env == null ? List.of() : env);
        String entry = name + "=" + value;
        boolean replaced = false;
        for (int i = 0; i < next.size(); i++) {
            if (next.get(i).equals(name) || next.get(i).startsWith(name + "=")) {
                next.set(i, entry);
                replaced = true;
                break;
            }
        }
        if (!replaced) {
            next.add(entry);
        }
        return with(b -> b.env = next);
    }

    /** The value of {@code name} in {@code Env}, or {@code null}. */
    public String envValue(String name) {
        if (env != null) {
            for (String entry : env) {
                if (entry.startsWith(name + "=")) {
                    return entry.substring(name.length() + 1);
                }
            }
        }
        return null;
    }

    public ContainerConfig withCmd(List<String> newCmd) {
        return with(b -> b.cmd = newCmd);
    }

    /**
     * Sets the entrypoint and clears {@code Cmd}, as Docker does so that an inherited CMD does not become arguments
     * of a new ENTRYPOINT; a build that ran CMD earlier in the same stage sets it again afterwards.
     */
    public ContainerConfig withEntrypoint(List<String> newEntrypoint) {
        return with(b -> {
            b.entrypoint = newEntrypoint;
            b.cmd = null;
        });
    }

    public ContainerConfig withLabel(String key, String value) {
        SortedMap<String, String> next = new TreeMap<>(labels);
        next.put(key, value);
        return with(b -> b.labels = next);
    }

    /** Adds a port as {@code EXPOSE} does: {@code 80} means {@code 80/tcp}; the protocol is lower-cased. */
    public ContainerConfig withExposedPort(String port) {
        String normalized = port.contains("/") ? port.toLowerCase(java.util.Locale.ROOT) : port + "/tcp";
        SortedSet<String> next = new TreeSet<>(exposedPorts);
        next.add(normalized);
        return with(b -> b.exposedPorts = next);
    }

    public ContainerConfig withVolume(String path) {
        SortedSet<String> next = new TreeSet<>(volumes);
        next.add(path);
        return with(b -> b.volumes = next);
    }

    public ContainerConfig withUser(String newUser) {
        return with(b -> b.user = newUser);
    }

    public ContainerConfig withWorkingDir(String dir) {
        return with(b -> b.workingDir = dir);
    }

    public ContainerConfig withStopSignal(String signal) {
        return with(b -> b.stopSignal = signal);
    }

    public ContainerConfig withHealthcheck(Healthcheck check) {
        return with(b -> b.healthcheck = check);
    }

    public ContainerConfig withShell(List<String> newShell) {
        return with(b -> b.shell = newShell);
    }

    /** Appends an {@code ONBUILD} trigger. */
    public ContainerConfig withOnBuild(String trigger) {
        List<String> next = new ArrayList<>(onBuild == null ? List.of() : onBuild);
        next.add(trigger);
        return with(b -> b.onBuild = next);
    }

    /** Drops the triggers, as a build does once it has run the triggers of its base image. */
    public ContainerConfig withoutOnBuild() {
        return with(b -> b.onBuild = null);
    }

    public ContainerConfig withArgsEscaped(boolean escaped) {
        return with(b -> b.argsEscaped = escaped);
    }

    @JsonValue
    ObjectNode toJson() {
        Map<String, Object> ports = new TreeMap<>();
        exposedPorts.forEach(p -> ports.put(p, Map.of()));
        Map<String, Object> vols = new TreeMap<>();
        volumes.forEach(v -> vols.put(v, Map.of()));
        return JsonFields.ordered()
                .omitEmpty("User", user)
                .omitEmpty("ExposedPorts", ports)
                .omitEmpty("Env", env)
                .omitEmpty("Entrypoint", entrypoint)
                .omitEmpty("Cmd", cmd)
                .omitEmpty("Volumes", vols)
                .omitEmpty("WorkingDir", workingDir)
                .omitEmpty("Labels", labels)
                .omitEmpty("StopSignal", stopSignal)
                .omitEmpty("ArgsEscaped", argsEscaped)
                .omitEmpty("Healthcheck", healthcheck)
                .omitEmpty("OnBuild", onBuild)
                .omitEmpty("Shell", shell)
                .putAll(extra)
                .build();
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ContainerConfig fromJson(JsonNode node) {
        SortedMap<String, String> labels = new TreeMap<>();
        node.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        SortedMap<String, JsonNode> extra = new TreeMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!KNOWN.contains(field.getKey())) {
                extra.put(field.getKey(), field.getValue());
            }
        }
        JsonNode health = node.get("Healthcheck");
        return new ContainerConfig(JsonFields.text(node.get("User")), keys(node.get("ExposedPorts")),
                JsonFields.strings(node.get("Env")), JsonFields.strings(node.get("Entrypoint")),
                JsonFields.strings(node.get("Cmd")), keys(node.get("Volumes")), JsonFields.text(node.get("WorkingDir")),
                labels, JsonFields.text(node.get("StopSignal")), node.path("ArgsEscaped").asBoolean(),
                health == null || health.isNull() ? null : Healthcheck.fromJson(health),
                JsonFields.strings(node.get("OnBuild")), JsonFields.strings(node.get("Shell")), extra);
    }

    private static SortedSet<String> keys(JsonNode node) {
        SortedSet<String> keys = new TreeSet<>();
        if (node != null) {
            node.fieldNames().forEachRemaining(keys::add);
        }
        return keys;
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static List<String> copy(List<String> list) {
        return list == null ? null : List.copyOf(list);
    }

    private ContainerConfig with(java.util.function.Consumer<Mutable> change) {
        Mutable b = new Mutable(this);
        change.accept(b);
        return b.build();
    }

    /** A scratch copy for the with-methods; never escapes this class. */
    private static final class Mutable {
        String user;
        SortedSet<String> exposedPorts;
        List<String> env;
        List<String> entrypoint;
        List<String> cmd;
        SortedSet<String> volumes;
        String workingDir;
        SortedMap<String, String> labels;
        String stopSignal;
        boolean argsEscaped;
        Healthcheck healthcheck;
        List<String> onBuild;
        List<String> shell;
        SortedMap<String, JsonNode> extra;

        Mutable(ContainerConfig c) {
            user = c.user;
            exposedPorts = c.exposedPorts;
            env = c.env;
            entrypoint = c.entrypoint;
            cmd = c.cmd;
            volumes = c.volumes;
            workingDir = c.workingDir;
            labels = c.labels;
            stopSignal = c.stopSignal;
            argsEscaped = c.argsEscaped;
            healthcheck = c.healthcheck;
            onBuild = c.onBuild;
            shell = c.shell;
            extra = c.extra;
        }

        ContainerConfig build() {
            return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal,
                    argsEscaped, healthcheck, onBuild, shell, extra);
        }
    }
}
