package dev.shipyard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code shipyard} command. */
@Command(
        name = "shipyard",
        mixinStandardHelpOptions = true,
        version = "shipyard 0.1.0",
        description = "Builds container images from Dockerfiles, on one machine or on a farm of workers.",
        subcommands = {BuildCommand.class, DockerfileCommand.class, ImageCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
