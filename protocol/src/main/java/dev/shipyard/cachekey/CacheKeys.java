package dev.shipyard.cachekey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipyard.dockerfile.instructions.AddInstruction;
import dev.shipyard.dockerfile.instructions.CopyInstruction;
import dev.shipyard.dockerfile.instructions.Instruction;
import dev.shipyard.dockerfile.instructions.RunInstruction;
import dev.shipyard.dockerfile.instructions.WorkdirInstruction;
import dev.shipyard.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Derives cache keys: {@code sha256(parent output, canonical instruction after expansion, the inputs it reads)}.
 * The parent part is the chain of diffIDs below the step, not the parent's key, so a step that runs again and
 * produces the same bytes lets every later step hit (early cutoff).
 */
public final class CacheKeys {
    /** Bumped whenever the key layout changes, so old index entries stop matching. */
    static final int VERSION = 1;

    /** Fields that describe where an instruction was written, not what it does. */
    private static final Set<String> SOURCE_FIELDS = Set.of("range", "original", "spec");

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private CacheKeys() {
    }

    /** The key of a RUN on top of {@code parentDiffIds} (bottom first). */
    public static CacheKey run(List<Digest> parentDiffIds, RunInstruction expanded, RunInputs inputs,
                               LayerInputs layer) {
        ObjectNode in = CANONICAL.createObjectNode();
        ObjectNode env = in.putObject("env");
        inputs.env().forEach(env::put);
        in.put("user", inputs.user());
        in.put("workdir", inputs.workdir());
        ArrayNode shell = in.putArray("shell");
        inputs.shell().forEach(shell::add);
        ObjectNode mounts = in.putObject("mountSources");
        inputs.mountSources().forEach(mounts::put);
        return derive(parentDiffIds, expanded, in, layer);
    }

    /**
     * The key of a COPY or ADD: {@code selection} is the digest of the selected sources (paths, modes, contents,
     * owners when kept), {@code workdir} resolves a relative destination and {@code user} nothing yet but is kept
     * apart so that owner rules can change without a key version bump.
     */
    public static CacheKey copy(List<Digest> parentDiffIds, Instruction expanded, Digest selection, String workdir,
                                LayerInputs layer) {
        if (!(expanded instanceof CopyInstruction) && !(expanded instanceof AddInstruction)) {
            throw new IllegalArgumentException("not a COPY or ADD: " + expanded.keyword());
        }
        ObjectNode in = CANONICAL.createObjectNode();
        in.put("selection", selection.toString());
        in.put("workdir", workdir == null ? "/" : workdir);
        return derive(parentDiffIds, expanded, in, layer);
    }

    /** The key of a WORKDIR that creates its directory, owned by {@code user}'s ids. */
    public static CacheKey workdir(List<Digest> parentDiffIds, WorkdirInstruction expanded, String resolvedPath,
                                   String user, LayerInputs layer) {
        ObjectNode in = CANONICAL.createObjectNode();
        in.put("path", resolvedPath);
        in.put("user", user == null ? "" : user);
        return derive(parentDiffIds, expanded, in, layer);
    }

    /** The key of a FROM: the resolved manifest digest says everything about the base. */
    public static CacheKey from(Digest manifestDigest) {
        return new CacheKey(Digest.sha256("shipyard-cache-key/v" + VERSION + "\nfrom " + manifestDigest));
    }

    /** Deterministic JSON of an expanded instruction without its source range and original text. */
    public static String canonicalInstruction(Instruction expanded) {
        JsonNode tree = CANONICAL.valueToTree(expanded);
        strip(tree);
        ObjectNode wrapped = CANONICAL.createObjectNode();
        wrapped.put("keyword", expanded.keyword());
        wrapped.set("fields", tree);
        return write(wrapped);
    }

    private static CacheKey derive(List<Digest> parentDiffIds, Instruction expanded, ObjectNode inputs,
                                   LayerInputs layer) {
        ObjectNode root = CANONICAL.createObjectNode();
        root.put("version", VERSION);
        ArrayNode parents = root.putArray("parent");
        parentDiffIds.forEach(d -> parents.add(d.toString()));
        root.put("instruction", canonicalInstruction(expanded));
        root.set("inputs", inputs);
        ObjectNode layerNode = root.putObject("layer");
        layerNode.put("compression", layer.compression());
        layerNode.put("sourceDateEpoch", layer.epochText());
        return new CacheKey(Digest.sha256(write(root).getBytes(StandardCharsets.UTF_8)));
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(SOURCE_FIELDS);
            object.forEach(CacheKeys::strip);
        } else if (node instanceof ArrayNode array) {
            array.forEach(CacheKeys::strip);
        }
    }

    /** Object keys sorted at every depth, so equal trees give equal text. */
    private static String write(JsonNode node) {
        try {
            Object plain = CANONICAL.treeToValue(node, Object.class);
            return CANONICAL.writeValueAsString(plain);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not write canonical JSON: " + e.getMessage(), e);
        }
    }
}
