package dev.shipyard.dockerfile.instructions;

import dev.shipyard.dockerfile.DockerfileException;
import dev.shipyard.dockerfile.Quote;
import dev.shipyard.dockerfile.parser.Heredoc;
import dev.shipyard.dockerfile.parser.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** RUN, CMD, ENTRYPOINT, SHELL and HEALTHCHECK: the instructions that carry a command. */
final class CommandParsers {

    private static final Duration MINIMUM_INTERVAL = Duration.ofMillis(1);

    private CommandParsers() {
    }

    static RunInstruction run(Node node) {
        Flags flags = new Flags(node.flags()).strings("mount").string("network").string("security").parse();
        List<Mount> mounts = new ArrayList<>();
        for (String spec : flags.values("mount")) {
            mounts.add(MountParser.parse(spec, null));
        }
        return new RunInstruction(node.range(), node.original(), node.args(), !node.json(), heredocFiles(node),
                mounts, network(flags.value("network")), security(flags.value("security")));
    }

    static CmdInstruction cmd(Node node) {
        new Flags(node.flags()).parse();
        return new CmdInstruction(node.range(), node.original(), node.args(), !node.json());
    }

    static EntrypointInstruction entrypoint(Node node) {
        new Flags(node.flags()).parse();
        return new EntrypointInstruction(node.range(), node.original(), node.args(), !node.json());
    }

    static ShellInstruction shell(Node node) {
        new Flags(node.flags()).parse();
        if (node.args().isEmpty()) {
            throw new DockerfileException("SHELL requires at least one argument");
        }
        if (!node.json()) {
            throw new DockerfileException("SHELL requires the arguments to be in JSON form");
        }
        return new ShellInstruction(node.range(), node.original(), node.args());
    }

    static HealthcheckInstruction healthcheck(Node node) {
        if (node.args().isEmpty()) {
            throw new DockerfileException("HEALTHCHECK requires at least one argument");
        }
        String type = node.args().get(0).toUpperCase(Locale.ROOT);
        List<String> command = node.args().subList(1, node.args().size());
        if (type.equals("NONE")) {
            if (!command.isEmpty()) {
                throw new DockerfileException("HEALTHCHECK NONE takes no arguments");
            }
            return new HealthcheckInstruction(node.range(), node.original(), List.of("NONE"), Duration.ZERO,
                    Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);
        }
        Flags flags = new Flags(node.flags()).string("interval").string("timeout").string("start-period")
                .string("start-interval").string("retries").parse();
        if (!type.equals("CMD")) {
            throw new DockerfileException("Unknown type " + Quote.go(type) + " in HEALTHCHECK (try CMD)");
        }
        if (command.isEmpty()) {
            throw new DockerfileException("Missing command after HEALTHCHECK CMD");
        }
        List<String> test = new ArrayList<>();
        test.add(node.json() ? "CMD" : "CMD-SHELL");
        test.addAll(command);
        return new HealthcheckInstruction(node.range(), node.original(), test, interval(flags, "interval"),
                interval(flags, "timeout"), interval(flags, "start-period"), interval(flags, "start-interval"),
                retries(flags.value("retries")));
    }

    private static Duration interval(Flags flags, String name) {
        String value = flags.value(name);
        if (value == null) {
            return Duration.ZERO;
        }
        Duration duration = GoDuration.parse(value);
        if (!duration.isZero() && duration.compareTo(MINIMUM_INTERVAL) < 0) {
            throw new DockerfileException("Interval " + Quote.go(name) + " cannot be less than 1ms");
        }
        return duration;
    }

    private static int retries(String value) {
        if (value == null) {
            return 0;
        }
        if (!value.matches("[+-]?[0-9]{1,10}") || Long.parseLong(value) > Integer.MAX_VALUE
                || Long.parseLong(value) < Integer.MIN_VALUE) {
            String reason = value.matches("[+-]?[0-9]+") ? "value out of range" : "invalid syntax";
            throw new DockerfileException("strconv.ParseInt: parsing " + Quote.go(value) + ": " + reason);
        }
        int retries = Integer.parseInt(value);
        if (retries < 0) {
            throw new DockerfileException("--retries cannot be negative (" + retries + ")");
        }
        return retries;
    }

    private static NetworkMode network(String value) {
        if (value == null || value.equals("default")) {
            return NetworkMode.DEFAULT;
        }
        if (value.equals("none") || value.equals("host")) {
            return NetworkMode.valueOf(value.toUpperCase(Locale.ROOT));
        }
        throw new DockerfileException("unsupported network mode " + Quote.go(value));
    }

    private static SecurityMode security(String value) {
        if (value == null || value.equals("sandbox")) {
            return SecurityMode.SANDBOX;
        }
        if (value.equals("insecure")) {
            return SecurityMode.INSECURE;
        }
        throw new DockerfileException("security " + Quote.go(value) + " is not valid");
    }

    static List<HeredocFile> heredocFiles(Node node) {
        List<HeredocFile> files = new ArrayList<>();
        for (Heredoc heredoc : node.heredocs()) {
            files.add(new HeredocFile(heredoc.name(), heredoc.effectiveContent(), heredoc.expand(), heredoc.chomp(),
                    heredoc.fileDescriptor()));
        }
        return files;
    }
}
