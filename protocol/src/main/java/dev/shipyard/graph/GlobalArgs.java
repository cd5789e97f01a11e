package dev.shipyard.graph;

import dev.shipyard.dockerfile.DockerfileException;
import dev.shipyard.dockerfile.expansion.ExpansionException;
import dev.shipyard.dockerfile.expansion.ShellLex;
import dev.shipyard.dockerfile.expansion.VariableLookup;
import dev.shipyard.dockerfile.instructions.ArgDefinition;
import dev.shipyard.dockerfile.instructions.ArgInstruction;
import dev.shipyard.dockerfile.instructions.Instruction;
import dev.shipyard.dockerfile.instructions.WordExpander;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The build-wide variable scope: the ARGs declared before the first FROM, resolved against the build args.
 * FROM lines expand in this scope, where the predefined platform ARGs are visible without declaration; a
 * stage sees a global ARG only when it declares it again.
 */
public final class GlobalArgs {
    private final String fileName;
    private final ShellLex lex;
    private final Map<String, String> buildArgs;
    private final Map<String, String> predefined;
    private final Map<String, String> values;

    private GlobalArgs(String fileName, ShellLex lex, Map<String, String> buildArgs, Map<String, String> predefined,
                       Map<String, String> values) {
        this.fileName = fileName;
        this.lex = lex;
        this.buildArgs = buildArgs;
        this.predefined = predefined;
        this.values = values;
    }

    /** Resolves the meta ARGs in order: a build arg wins over the default, which may use earlier meta ARGs. */
    public static GlobalArgs resolve(String fileName, ShellLex lex, List<ArgInstruction> metaArgs,
                                     BuildOptions options) {
        Map<String, String> predefined = PredefinedArgs.platformArgs(options.targetPlatform(), options.buildPlatform());
        GlobalArgs scope = new GlobalArgs(fileName, lex, Map.copyOf(options.buildArgs()), predefined,
                new LinkedHashMap<>());
        for (ArgInstruction arg : metaArgs) {
            ArgInstruction expanded = (ArgInstruction) scope.expand(arg);
            for (ArgDefinition definition : expanded.args()) {
                scope.resolveArg(definition, Map.of()).ifPresent(v -> scope.values.put(definition.name(), v));
            }
        }
        return scope;
    }

    /** Expands an instruction (a FROM line or a meta ARG) in the global scope. */
    public Instruction expand(Instruction instruction) {
        return expand(instruction, name -> {
            String value = values.get(name);
            return Optional.ofNullable(value != null ? value : predefined.get(name));
        });
    }

    /**
     * The value an ARG takes: the build arg, else its default, else the global ARG of that name (for a bare
     * redeclaration in a stage), else the predefined value; empty when it stays unset.
     */
    Optional<String> resolveArg(ArgDefinition arg, Map<String, String> inherited) {
        if (buildArgs.containsKey(arg.name())) {
            return Optional.of(buildArgs.get(arg.name()));
        }
        if (arg.hasDefault()) {
            return Optional.of(arg.defaultValue());
        }
        if (inherited.containsKey(arg.name())) {
            return Optional.of(inherited.get(arg.name()));
        }
        return Optional.ofNullable(predefined.get(arg.name()));
    }

    /** The resolved global ARGs, in declaration order. */
    public Map<String, String> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** The build args given with the build, as passed (including undeclared ones such as proxies). */
    public Map<String, String> buildArgs() {
        return buildArgs;
    }

    public String fileName() {
        return fileName;
    }

    ShellLex lex() {
        return lex;
    }

    /** Expands with {@code lookup}, turning expansion failures into errors that name the file and line. */
    Instruction expand(Instruction instruction, VariableLookup lookup) {
        WordExpander expander = word -> lex.processWord(word, lookup);
        try {
            return instruction.expand(expander);
        } catch (ExpansionException e) {
            throw new DockerfileException(fileName, instruction.range(), e.getMessage());
        } catch (DockerfileException e) {
            throw e.at(fileName, instruction.range());
        }
    }
}
