package dev.shipyard.graph;

import dev.shipyard.dockerfile.instructions.AddInstruction;
import dev.shipyard.dockerfile.instructions.ArgDefinition;
import dev.shipyard.dockerfile.instructions.ArgInstruction;
import dev.shipyard.dockerfile.instructions.CopyInstruction;
import dev.shipyard.dockerfile.instructions.EnvInstruction;
import dev.shipyard.dockerfile.instructions.ExposeInstruction;
import dev.shipyard.dockerfile.instructions.FromInstruction;
import dev.shipyard.dockerfile.instructions.HeredocFile;
import dev.shipyard.dockerfile.instructions.Instruction;
import dev.shipyard.dockerfile.instructions.KeyValue;
import dev.shipyard.dockerfile.instructions.LabelInstruction;
import dev.shipyard.dockerfile.instructions.StopSignalInstruction;
import dev.shipyard.dockerfile.instructions.UserInstruction;
import dev.shipyard.dockerfile.instructions.VolumeInstruction;
import dev.shipyard.dockerfile.instructions.WorkdirInstruction;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of text for an instruction as it will run: expanded where BuildKit expands, as written
 * elsewhere (RUN, CMD, ENTRYPOINT keep their text for the shell). Progress and outlines show it.
 */
public final class InstructionText {

    private InstructionText() {
    }

    public static String of(Instruction instruction) {
        List<String> words = new ArrayList<>();
        words.add(instruction.keyword());
        if (instruction instanceof FromInstruction from) {
            flag(words, "platform", from.platform());
            words.add(from.image());
            if (from.stageName() != null) {
                words.add("AS");
                words.add(from.stageName());
            }
        } else if (instruction instanceof CopyInstruction copy) {
            flag(words, "from", copy.from());
            copyFlags(words, copy.chown(), copy.chmod(), copy.link(), copy.excludes());
            if (copy.parents()) {
                words.add("--parents");
            }
            sources(words, copy.sources(), copy.heredocSources(), copy.destination());
        } else if (instruction instanceof AddInstruction add) {
            copyFlags(words, add.chown(), add.chmod(), add.link(), add.excludes());
            flag(words, "checksum", add.checksum());
            if (add.keepGitDir()) {
                words.add("--keep-git-dir");
            }
            sources(words, add.sources(), add.heredocSources(), add.destination());
        } else if (instruction instanceof EnvInstruction env) {
            env.variables().forEach(v -> words.add(pair(v)));
        } else if (instruction instanceof LabelInstruction label) {
            label.labels().forEach(v -> words.add(pair(v)));
        } else if (instruction instanceof ArgInstruction arg) {
            for (ArgDefinition definition : arg.args()) {
                words.add(definition.hasDefault()
                        ? pair(new KeyValue(definition.name(), definition.defaultValue())) : definition.name());
            }
        } else if (instruction instanceof ExposeInstruction expose) {
            words.addAll(expose.ports());
        } else if (instruction instanceof WorkdirInstruction workdir) {
            words.add(workdir.path());
        } else if (instruction instanceof UserInstruction user) {
            words.add(user.user());
        } else if (instruction instanceof VolumeInstruction volume) {
            words.addAll(volume.volumes());
        } else if (instruction instanceof StopSignalInstruction signal) {
            words.add(signal.signal());
        } else {
            return firstLine(instruction.original());
        }
        return String.join(" ", words);
    }

    private static void copyFlags(List<String> words, String chown, String chmod, boolean link, List<String> excludes) {
        flag(words, "chown", chown);
        flag(words, "chmod", chmod);
        if (link) {
            words.add("--link");
        }
        excludes.forEach(e -> words.add("--exclude=" + e));
    }

    private static void sources(List<String> words, List<String> sources, List<HeredocFile> heredocs, String dest) {
        words.addAll(sources);
        heredocs.forEach(h -> words.add("<<" + h.name()));
        words.add(dest);
    }

    private static void flag(List<String> words, String name, String value) {
        if (value != null) {
            words.add("--" + name + "=" + value);
        }
    }

    private static String pair(KeyValue kv) {
        return kv.key() + "=" + quoteIfNeeded(kv.value());
    }

    private static String quoteIfNeeded(String value) {
        if (!value.isEmpty() && value.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"')) {
            return value;
        }
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String firstLine(String original) {
        int newline = original.indexOf('\n');
        return (newline < 0 ? original : original.substring(0, newline)).strip();
    }
}
