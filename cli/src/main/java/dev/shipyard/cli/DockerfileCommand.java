package dev.shipyard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code shipyard dockerfile ...}: look at a Dockerfile the way a build will read it. */
@Command(name = "dockerfile", description = "Inspect Dockerfiles.", mixinStandardHelpOptions = true,
        subcommands = OutlineCommand.class)
final class DockerfileCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
