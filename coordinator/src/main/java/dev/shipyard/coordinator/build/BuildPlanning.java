package dev.shipyard.coordinator.build;

import dev.shipyard.coordinator.state.BuildRequest;
import dev.shipyard.coordinator.state.StepRecord;
import dev.shipyard.dockerfile.DockerfileException;
import dev.shipyard.dockerfile.instructions.Dockerfile;
import dev.shipyard.graph.BuildGraph;
import dev.shipyard.graph.BuildOptions;
import dev.shipyard.graph.Outline;
import dev.shipyard.oci.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Parses and plans a build's Dockerfile up front, so that a bad Dockerfile or target is refused at once. */
public final class BuildPlanning {
    private BuildPlanning() {
    }

    /**
     * The steps of the stages the target needs, in run order, all queued.
     *
     * @throws BuildException (invalid) carrying the Dockerfile error's file and line
     */
    public static List<StepRecord> plan(String fileName, byte[] dockerfile, BuildRequest request) {
        try {
            BuildGraph graph = BuildGraph.plan(Dockerfile.parse(fileName, dockerfile), options(request));
            List<StepRecord> steps = new ArrayList<>();
            for (Outline.StageOutline stage : Outline.of(graph).stages()) {
                int number = 1;
                for (Outline.InstructionOutline instruction : stage.instructions()) {
                    steps.add(StepRecord.queued(stage.index(), number++, instruction.line(), instruction.text()));
                }
            }
            return steps;
        } catch (DockerfileException e) {
            throw new BuildException(BuildException.Kind.INVALID, e.getMessage(), where(e, fileName));
        }
    }

    static BuildOptions options(BuildRequest request) {
        Platform platform = request.platform() == null ? Platform.current() : Platform.parse(request.platform());
        return new BuildOptions(request.buildArgs(), Optional.ofNullable(request.target()), platform,
                Platform.current());
    }

    private static Map<String, Object> where(DockerfileException e, String fileName) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("file", e.fileName() != null ? e.fileName() : fileName);
        if (e.range() != null) {
            detail.put("line", e.range().startLine());
            detail.put("endLine", e.range().endLine());
        }
        detail.put("reason", e.detail());
        return detail;
    }
}
