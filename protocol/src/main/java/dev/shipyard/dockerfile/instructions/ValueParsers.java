package dev.shipyard.dockerfile.instructions;

import dev.shipyard.dockerfile.DockerfileException;
import dev.shipyard.dockerfile.parser.Node;
import java.util.ArrayList;
import java.util.List;

/** Instructions that set image metadata or build state from plain values: ENV, LABEL, ARG, EXPOSE... */
final class ValueParsers {

    private ValueParsers() {
    }

    static Instruction parse(Node node) {
        switch (node.keyword()) {
            case "env":
                new Flags(node.flags()).parse();
                return new EnvInstruction(node.range(), node.original(), keyValues(node.args(), "ENV"));
            case "label":
                new Flags(node.flags()).parse();
                return new LabelInstruction(node.range(), node.original(), keyValues(node.args(), "LABEL"));
            case "arg":
                return arg(node);
            case "expose":
                return expose(node);
            case "workdir":
                return new WorkdirInstruction(node.range(), node.original(), single(node, "WORKDIR", true));
            case "user":
                return new UserInstruction(node.range(), node.original(), single(node, "USER", true));
            case "stopsignal":
                // BuildKit does not look at STOPSIGNAL flags
                return new StopSignalInstruction(node.range(), node.original(), single(node, "STOPSIGNAL", false));
            case "maintainer":
                return new MaintainerInstruction(node.range(), node.original(), single(node, "MAINTAINER", true));
            case "volume":
                return volume(node);
            default:
                throw InstructionParser.unknownInstruction(node);
        }
    }

    private static String single(Node node, String keyword, boolean parseFlags) {
        if (node.args().size() != 1) {
            throw new DockerfileException(keyword + " requires exactly one argument");
        }
        if (parseFlags) {
            new Flags(node.flags()).parse();
        }
        return node.args().get(0);
    }

    private static List<KeyValue> keyValues(List<String> args, String keyword) {
        if (args.isEmpty()) {
            throw new DockerfileException(keyword + " requires at least one argument");
        }
        if (args.size() % 2 != 0) {
            throw new DockerfileException("Bad input to " + keyword + ", too many arguments");
        }
        List<KeyValue> pairs = new ArrayList<>();
        for (int i = 0; i < args.size(); i += 2) {
            if (args.get(i).isEmpty()) {
                throw new DockerfileException(keyword + " names can not be blank");
            }
            pairs.add(new KeyValue(args.get(i), args.get(i + 1)));
        }
        return pairs;
    }

    private static ArgInstruction arg(Node node) {
        if (node.args().isEmpty()) {
            throw new DockerfileException("ARG requires at least one argument");
        }
        new Flags(node.flags()).parse();
        List<ArgDefinition> args = new ArrayList<>();
        for (String word : node.args()) {
            int eq = word.indexOf('=');
            if (eq == 0) {
                throw new DockerfileException("ARG names can not be blank");
            }
            args.add(eq < 0 ? new ArgDefinition(word, null)
                    : new ArgDefinition(word.substring(0, eq), word.substring(eq + 1)));
        }
        return new ArgInstruction(node.range(), node.original(), args);
    }

    private static ExposeInstruction expose(Node node) {
        if (node.args().isEmpty()) {
            throw new DockerfileException("EXPOSE requires at least one argument");
        }
        new Flags(node.flags()).parse();
        List<String> ports = new ArrayList<>(node.args());
        ports.sort(null);
        return new ExposeInstruction(node.range(), node.original(), ports);
    }

    private static VolumeInstruction volume(Node node) {
        if (node.args().isEmpty()) {
            throw new DockerfileException("VOLUME requires at least one argument");
        }
        new Flags(node.flags()).parse();
        List<String> volumes = new ArrayList<>();
        for (String volume : node.args()) {
            String trimmed = volume.strip();
            if (trimmed.isEmpty()) {
                throw new DockerfileException("VOLUME specified can not be an empty string");
            }
            volumes.add(trimmed);
        }
        return new VolumeInstruction(node.range(), node.original(), volumes);
    }
}
