package dev.shipyard.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code shipyard} command. */
@Command(
        name = "shipyard",
        mixinStandardHelpOptions = true,
        version = "shipyard 0.1.0",
        description = "Builds container images from Dockerfiles, on one machine or on a farm of workers.")
public final class Main implements Runnable {
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    /** The configured command line with every subcommand, shared by tests. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for {@code args}: when they start with a subcommand's name, only that subcommand is
     * modelled, because picocli's model of every command and option costs a noticeable part of a short command.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        Supplier<Object> named = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
        if (named != null) {
            cli.addSubcommand(named.get());
        } else {
            SUBCOMMANDS.values().forEach(command -> cli.addSubcommand(command.get()));
        }
        return cli;
    }

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("build", BuildCommand::new);
        commands.put("dockerfile", DockerfileCommand::new);
        commands.put("image", ImageCommand::new);
        return commands;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
