package dev.shipyard.dockerfile.instructions;

import dev.shipyard.dockerfile.DockerfileException;
import dev.shipyard.dockerfile.Quote;
import dev.shipyard.dockerfile.parser.Node;
import dev.shipyard.dockerfile.parser.ParsedDockerfile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Gives meaning to raw nodes and groups them into stages, as BuildKit's {@code instructions.Parse}. */
public final class InstructionParser {

    static final List<String> KEYWORDS = List.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE",
            "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER",
            "VOLUME", "WORKDIR");
    private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*\\z");

    private InstructionParser() {
    }

    /**
     * Types every instruction and groups them into stages.
     *
     * @throws DockerfileException naming the file and lines of the first invalid instruction
     */
    public static Dockerfile parse(ParsedDockerfile parsed) {
        List<ArgInstruction> metaArgs = new ArrayList<>();
        List<StageBuilder> stages = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node node : parsed.nodes()) {
            Instruction instruction = parseInstruction(parsed.fileName(), node);
            if (instruction instanceof FromInstruction from) {
                Optional<String> name = Optional.ofNullable(from.stageName()).map(n -> n.toLowerCase(Locale.ROOT));
                if (name.isPresent() && !names.add(name.get())) {
                    throw new DockerfileException(parsed.fileName(), node.range(),
                            "duplicate stage name " + Quote.go(name.get()));
                }
                stages.add(new StageBuilder(stages.size(), name, from));
            } else if (stages.isEmpty() && instruction instanceof ArgInstruction arg) {
                metaArgs.add(arg);
            } else if (stages.isEmpty()) {
                throw new DockerfileException(parsed.fileName(), node.range(), "no build stage in current context");
            } else {
                stages.get(stages.size() - 1).instructions.add(instruction);
            }
        }
        return new Dockerfile(parsed.fileName(), parsed.directives(), metaArgs,
                stages.stream().map(StageBuilder::build).toList());
    }

    /** Types one node; errors carry the file name and the node's lines. */
    public static Instruction parseInstruction(String fileName, Node node) {
        try {
            return dispatch(node);
        } catch (DockerfileException e) {
            throw e.at(fileName, node.range());
        }
    }

    private static final class StageBuilder {
        private final int index;
        private final Optional<String> name;
        private final FromInstruction from;
        private final List<Instruction> instructions = new ArrayList<>();

        StageBuilder(int index, Optional<String> name, FromInstruction from) {
            this.index = index;
            this.name = name;
            this.from = from;
        }

        Stage build() {
            return new Stage(index, name, from, instructions);
        }
    }

    private static Instruction dispatch(Node node) {
        switch (node.keyword()) {
            case "from":
                return parseFrom(node);
            case "run":
                return CommandParsers.run(node);
            case "cmd":
                return CommandParsers.cmd(node);
            case "entrypoint":
                return CommandParsers.entrypoint(node);
            case "shell":
                return CommandParsers.shell(node);
            case "healthcheck":
                return CommandParsers.healthcheck(node);
            case "copy":
                return CopyParsers.copy(node);
            case "add":
                return CopyParsers.add(node);
            case "onbuild":
                return parseOnbuild(node);
            default:
                return ValueParsers.parse(node);
        }
    }

    static DockerfileException unknownInstruction(Node node) {
        String message = "unknown instruction: " + node.rawKeyword();
        return new DockerfileException(Suggest.withSuggestion(message, node.rawKeyword(), KEYWORDS, false));
    }

    private static FromInstruction parseFrom(Node node) {
        List<String> args = node.args();
        String stageName = null;
        if (args.size() == 3 && args.get(1).equalsIgnoreCase("as")) {
            stageName = args.get(2);
            if (!STAGE_NAME.matcher(stageName.toLowerCase(Locale.ROOT)).matches()) {
                throw new DockerfileException("invalid name for build stage: " + Quote.go(stageName)
                        + ", name can't start with a number or contain symbols");
            }
        } else if (args.size() != 1) {
            throw new DockerfileException("FROM requires either one or three arguments");
        }
        Flags flags = new Flags(node.flags()).string("platform").parse();
        return new FromInstruction(node.range(), node.original(), args.get(0), flags.value("platform"), stageName);
    }

    private static OnbuildInstruction parseOnbuild(Node node) {
        Node child = node.child();
        if (child == null) {
            throw new DockerfileException("ONBUILD requires at least one argument");
        }
        new Flags(node.flags()).parse();
        String trigger = child.rawKeyword().toUpperCase(Locale.ROOT);
        if (trigger.equals("ONBUILD")) {
            throw new DockerfileException("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
        }
        if (trigger.equals("MAINTAINER") || trigger.equals("FROM")) {
            throw new DockerfileException(trigger + " isn't allowed as an ONBUILD trigger");
        }
        Node withHeredocs = new Node(child.keyword(), child.rawKeyword(), child.flags(), child.args(), child.json(),
                node.heredocs(), child.original(), node.range(), null);
        return new OnbuildInstruction(node.range(), node.original(), dispatch(withHeredocs));
    }
}
