package dev.shipyard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.shipyard.dockerfile.DockerfileException;
import dev.shipyard.dockerfile.instructions.Dockerfile;
import dev.shipyard.graph.BuildGraph;
import dev.shipyard.graph.BuildOptions;
import dev.shipyard.graph.Outline;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shipyard dockerfile outline}: the stages a build would run, their bases, steps and dependencies. */
@Command(name = "outline", mixinStandardHelpOptions = true,
        description = "Print the stages a build needs, their bases, their steps after expansion, and which "
                + "stages depend on which. Exits 1 when the Dockerfile is invalid.")
final class OutlineCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-f", "--file"}, paramLabel = "Dockerfile",
            description = "Name of the Dockerfile (default: CONTEXT/Dockerfile).")
    Path dockerfile;

    @Option(names = "--target", paramLabel = "STAGE", description = "Outline only what this stage needs.")
    String target;

    @Mixin
    BuildArgsOption buildArgs = new BuildArgsOption();

    @Option(names = "--json", description = "Print a JSON document instead of text.")
    boolean json;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CONTEXT", defaultValue = ".",
            description = "The build context directory (default: the current directory).")
    Path context;

    @Override
    public Integer call() throws IOException {
        Path file = dockerfile != null ? dockerfile : context.resolve("Dockerfile");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            err.println("could not read Dockerfile " + file + ": " + CliErrors.reason(e));
            return 1;
        }
        Outline outline;
        try {
            BuildOptions options = BuildOptions.defaults().withBuildArgs(buildArgs.values()).withTarget(target);
            outline = Outline.of(BuildGraph.plan(Dockerfile.parse(file.toString(), content), options));
        } catch (DockerfileException e) {
            err.println(e.getMessage());
            return 1;
        }
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(outline));
        } else {
            printText(outline, out);
        }
        out.flush();
        return 0;
    }

    private static void printText(Outline outline, PrintWriter out) {
        for (Outline.StageOutline stage : outline.stages()) {
            out.printf("stage %d%s (%s %s)%s%s%n", stage.index(), stage.name() == null ? "" : " \"" + stage.name() + "\"",
                    stage.baseKind(), stage.base(),
                    stage.dependsOn().isEmpty() ? "" : ", depends on " + names(outline, stage.dependsOn()),
                    stage.index() == outline.target() ? ", target" : "");
            for (Outline.InstructionOutline instruction : stage.instructions()) {
                out.printf("  %4d  %s%n", instruction.line(), instruction.text());
            }
        }
        out.println("parallel: " + outline.parallel().stream().map(w -> "[" + names(outline, w) + "]")
                .collect(Collectors.joining(" then ")));
    }

    private static String names(Outline outline, List<Integer> indexes) {
        return indexes.stream().map(i -> outline.stages().stream().filter(s -> s.index() == i).findFirst()
                        .map(s -> s.name() != null ? s.name() : "stage " + i).orElse("stage " + i))
                .collect(Collectors.joining(", "));
    }
}
