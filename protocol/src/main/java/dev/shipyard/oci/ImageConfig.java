package dev.shipyard.oci;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An image configuration ({@code application/vnd.oci.image.config.v1+json}). Written with the top-level keys
 * sorted, as Docker and BuildKit both write them; fields not modelled here ({@code os.version},
 * {@code moby.buildkit.buildinfo.v1}, ...) stay in {@code extra} and survive a read/modify/write.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/config.md">OCI image config</a>
 */
public record ImageConfig(String architecture, String os, String variant, Instant created, String author,
                          ContainerConfig config, RootFs rootfs, List<History> history,
                          SortedMap<String, JsonNode> extra) {

    private static final Set<String> KNOWN = Set.of("architecture", "os", "variant", "created", "author", "config",
            "rootfs", "history");

    public ImageConfig {
        variant = variant == null || variant.isEmpty() ? null : variant;
        author = author == null || author.isEmpty() ? null : author;
        config = config == null ? ContainerConfig.empty() : config;
        rootfs = rootfs == null ? RootFs.empty() : rootfs;
        history = history == null ? List.of() : List.copyOf(history);
        extra = Collections.unmodifiableSortedMap(new TreeMap<>(extra == null ? Map.of() : extra));
    }

    /** An image with no layers and no settings for {@code platform}. */
    public static ImageConfig scratch(Platform platform) {
        return new ImageConfig(platform.architecture(), platform.os(), platform.variant(), null, null, null, null, null, null);
    }

    public Platform platform() {
        return new Platform(os, architecture, variant == null ? "" : variant);
    }

    public ImageConfig withConfig(ContainerConfig newConfig) {
        return new ImageConfig(architecture, os, variant, created, author, newConfig, rootfs, history, extra);
    }

    public ImageConfig withCreated(Instant time) {
        return new ImageConfig(architecture, os, variant, time, author, config, rootfs, history, extra);
    }

    public ImageConfig withAuthor(String newAuthor) {
        return new ImageConfig(architecture, os, variant, created, newAuthor, config, rootfs, history, extra);
    }

    public ImageConfig withEnv(String name, String value) {
        return withConfig(config.withEnv(name, value));
    }

    public ImageConfig withCmd(List<String> cmd) {
        return withConfig(config.withCmd(cmd));
    }

    /** Sets the entrypoint and clears {@code Cmd}; see {@link ContainerConfig#withEntrypoint(List)}. */
    public ImageConfig withEntrypoint(List<String> entrypoint) {
        return withConfig(config.withEntrypoint(entrypoint));
    }

    public ImageConfig withLabel(String key, String value) {
        return withConfig(config.withLabel(key, value));
    }

    public ImageConfig withExposedPort(String port) {
        return withConfig(config.withExposedPort(port));
    }

    public ImageConfig withVolume(String path) {
        return withConfig(config.withVolume(path));
    }

    public ImageConfig withUser(String user) {
        return withConfig(config.withUser(user));
    }

    public ImageConfig withWorkingDir(String dir) {
        return withConfig(config.withWorkingDir(dir));
    }

    public ImageConfig withStopSignal(String signal) {
        return withConfig(config.withStopSignal(signal));
    }

    public ImageConfig withHealthcheck(Healthcheck check) {
        return withConfig(config.withHealthcheck(check));
    }

    public ImageConfig withShell(List<String> shell) {
        return withConfig(config.withShell(shell));
    }

    public ImageConfig withOnBuild(String trigger) {
        return withConfig(config.withOnBuild(trigger));
    }

    /** Appends a layer and the history entry that made it (marked as not empty). */
    public ImageConfig addLayer(Digest diffId, History entry) {
        return new ImageConfig(architecture, os, variant, created, author, config, rootfs.plus(diffId),
                plus(entry.withEmptyLayer(false)), extra);
    }

    /** Appends a history entry for an instruction that changed only metadata (marked {@code empty_layer}). */
    public ImageConfig addHistory(History entry) {
        return new ImageConfig(architecture, os, variant, created, author, config, rootfs,
                plus(entry.withEmptyLayer(true)), extra);
    }

    private List<History> plus(History entry) {
        List<History> next = new ArrayList<>(history);
        next.add(entry);
        return next;
    }

    @JsonValue
    ObjectNode toJson() {
        return JsonFields.sorted()
                .put("architecture", architecture == null ? "" : architecture)
                .put("os", os == null ? "" : os)
                .omitEmpty("variant", variant)
                .omitEmpty("created", created == null ? null : OciJson.formatTime(created))
                .omitEmpty("author", author)
                .put("config", config)
                .put("rootfs", rootfs)
                .omitEmpty("history", history)
                .putAll(extra)
                .build();
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ImageConfig fromJson(JsonNode node) {
        SortedMap<String, JsonNode> extra = new TreeMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!KNOWN.contains(field.getKey())) {
                extra.put(field.getKey(), field.getValue());
            }
        }
        List<History> history = new ArrayList<>();
        node.path("history").forEach(entry -> history.add(History.fromJson(entry)));
        JsonNode config = node.get("config");
        JsonNode rootfs = node.get("rootfs");
        String created = JsonFields.text(node.get("created"));
        return new ImageConfig(JsonFields.text(node.get("architecture")), JsonFields.text(node.get("os")),
                JsonFields.text(node.get("variant")), created == null ? null : OciJson.parseTime(created),
                JsonFields.text(node.get("author")),
                config == null || config.isNull() ? null : ContainerConfig.fromJson(config),
                rootfs == null || rootfs.isNull() ? null : OciJson.convert(rootfs, RootFs.class), history, extra);
    }
}
