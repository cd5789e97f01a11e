package dev.shipyard.graph;

import dev.shipyard.dockerfile.instructions.ArgDefinition;
import dev.shipyard.dockerfile.instructions.ArgInstruction;
import dev.shipyard.dockerfile.instructions.EnvInstruction;
import dev.shipyard.dockerfile.instructions.Instruction;
import dev.shipyard.dockerfile.instructions.KeyValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The variables of one stage while its instructions are walked in order, with BuildKit's rules: ENV and
 * ARG both set what later instructions expand and what RUN sees, the last one winning; only ENV reaches
 * the image config; an ARG is visible from its declaration on.
 */
public final class StageScope {
    private final GlobalArgs global;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, String> imageEnv = new LinkedHashMap<>();
    private final Map<String, String> args = new LinkedHashMap<>();

    private StageScope(GlobalArgs global) {
        this.global = global;
    }

    /**
     * A scope that starts from the base's environment ({@code KEY=value} entries of its image config, or the
     * parent stage's {@link #imageEnv()}).
     */
    public static StageScope start(GlobalArgs global, List<String> baseEnv) {
        StageScope scope = new StageScope(global);
        for (String entry : baseEnv) {
            int eq = entry.indexOf('=');
            String key = eq < 0 ? entry : entry.substring(0, eq);
            String value = eq < 0 ? "" : entry.substring(eq + 1);
            scope.env.put(key, value);
            scope.imageEnv.put(key, value);
        }
        return scope;
    }

    /** The instruction with its expandable fields expanded in this scope. */
    public Instruction expand(Instruction instruction) {
        return global.expand(instruction, name -> Optional.ofNullable(env.get(name)));
    }

    /** Records what an expanded ENV or ARG changes; other instructions change no variable. */
    public void apply(Instruction expanded) {
        if (expanded instanceof EnvInstruction envInstruction) {
            for (KeyValue variable : envInstruction.variables()) {
                env.put(variable.key(), variable.value());
                imageEnv.put(variable.key(), variable.value());
            }
        } else if (expanded instanceof ArgInstruction argInstruction) {
            for (ArgDefinition arg : argInstruction.args()) {
                Optional<String> value = global.resolveArg(arg, global.values());
                value.ifPresent(v -> {
                    env.put(arg.name(), v);
                    args.put(arg.name(), v);
                });
            }
        }
    }

    /** Expands {@code instruction}, applies it, and returns the expanded form. */
    public Instruction step(Instruction instruction) {
        Instruction expanded = expand(instruction);
        apply(expanded);
        return expanded;
    }

    /** What RUN sees: image env, then stage ARGs and ENVs as set, in order of first definition. */
    public Map<String, String> runEnvironment() {
        return Collections.unmodifiableMap(env);
    }

    /** The image config's Env as {@code KEY=value} entries. */
    public List<String> imageEnv() {
        List<String> entries = new ArrayList<>();
        imageEnv.forEach((k, v) -> entries.add(k + "=" + v));
        return entries;
    }

    /** The ARGs declared in this stage so far that have a value. */
    public Map<String, String> args() {
        return Collections.unmodifiableMap(args);
    }

    /** Build args given for undeclared proxy variables: RUN sees them, history and cache keys do not. */
    public Map<String, String> proxyArgs() {
        Map<String, String> proxies = new LinkedHashMap<>();
        global.buildArgs().forEach((k, v) -> {
            if (PredefinedArgs.PROXY_ARGS.contains(k)) {
                proxies.put(k, v);
            }
        });
        return proxies;
    }
}
