package dev.shipyard.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.dockerfile.DockerfileException;
import dev.shipyard.dockerfile.instructions.CopyInstruction;
import dev.shipyard.dockerfile.instructions.Dockerfile;
import dev.shipyard.dockerfile.instructions.EnvInstruction;
import dev.shipyard.dockerfile.instructions.LabelInstruction;
import dev.shipyard.dockerfile.instructions.WorkdirInstruction;
import dev.shipyard.oci.Platform;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuildGraphTest {

    private static final BuildOptions AMD64 = new BuildOptions(Map.of(), Optional.empty(),
            Platform.parse("linux/amd64"), Platform.parse("linux/arm64/v8"));

    private static BuildGraph plan(String dockerfile, BuildOptions options) {
        return BuildGraph.plan(Dockerfile.parse("Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8)), options);
    }

    private static BuildGraph plan(String dockerfile) {
        return plan(dockerfile, AMD64);
    }

    private static String workdir(BuildGraph graph, int stage, int step) {
        return ((WorkdirInstruction) graph.stage(stage).steps().get(step).expanded()).path();
    }

    @Test
    void plan_globalArg_visibleToFromButNotInStageUnlessRedeclared() {
        BuildGraph graph = plan("""
                ARG BASE=busybox
                ARG TAG=1.36
                FROM ${BASE}:${TAG}
                WORKDIR /a/${TAG}
                ARG TAG
                WORKDIR /b/${TAG}
                """);
        assertThat(graph.stage(0).base()).isEqualTo(new BaseRef.Image("busybox:1.36"));
        assertThat(workdir(graph, 0, 0)).isEqualTo("/a/");
        assertThat(workdir(graph, 0, 2)).isEqualTo("/b/1.36");
    }

    @Test
    void plan_buildArg_overridesMetaArgAndStageDefault() {
        BuildGraph graph = plan("""
                ARG TAG=1.36
                FROM busybox:${TAG}
                ARG MODE=debug
                WORKDIR /${MODE}
                """, AMD64.withBuildArgs(Map.of("TAG", "latest", "MODE", "release")));
        assertThat(graph.stage(0).from().image()).isEqualTo("busybox:latest");
        assertThat(workdir(graph, 0, 1)).isEqualTo("/release");
    }

    @Test
    void plan_undeclaredBuildArg_isNotVisible() {
        BuildGraph graph = plan("FROM busybox\nWORKDIR /x${SECRET}\n", AMD64.withBuildArgs(Map.of("SECRET", "s")));
        assertThat(workdir(graph, 0, 0)).isEqualTo("/x");
    }

    @Test
    void plan_predefinedPlatformArgs_inFromWithoutDeclarationAndInStageOnlyWhenDeclared() {
        BuildGraph graph = plan("""
                FROM --platform=$BUILDPLATFORM busybox AS b
                WORKDIR /t/${TARGETARCH}
                ARG TARGETARCH
                ARG BUILDVARIANT
                WORKDIR /t/${TARGETARCH}/${BUILDVARIANT}
                """);
        assertThat(graph.stage(0).from().platform()).isEqualTo("linux/arm64/v8");
        assertThat(workdir(graph, 0, 0)).isEqualTo("/t/");
        assertThat(workdir(graph, 0, 3)).isEqualTo("/t/amd64/v8");
    }

    @Test
    void plan_envAndArg_lastDefinitionWinsForExpansionAndRun() {
        BuildGraph graph = plan("""
                FROM busybox
                ENV X=env
                ARG X=arg
                WORKDIR /${X}
                ENV X=env2 Y=$X
                WORKDIR /${X}/${Y}
                """);
        assertThat(workdir(graph, 0, 2)).isEqualTo("/arg");
        // ENV on one line sees the values from before the line.
        assertThat(((EnvInstruction) graph.stage(0).steps().get(3).expanded()).variables().get(1).value())
                .isEqualTo("arg");
        assertThat(workdir(graph, 0, 4)).isEqualTo("/env2/arg");
    }

    @Test
    void stageScope_imageEnvKeepsEnvWhileRunSeesLaterArg() {
        Dockerfile dockerfile = Dockerfile.parse("Dockerfile", "FROM busybox\nENV X=env\nARG X=arg\n".getBytes(StandardCharsets.UTF_8));
        BuildGraph graph = BuildGraph.plan(dockerfile, AMD64);
        StageScope scope = StageScope.start(graph.globalArgs(), List.of("PATH=/bin"));
        dockerfile.stages().get(0).instructions().forEach(scope::step);
        assertThat(scope.imageEnv()).containsExactly("PATH=/bin", "X=env");
        assertThat(scope.runEnvironment()).containsEntry("X", "arg").containsEntry("PATH", "/bin");
        assertThat(scope.args()).containsExactly(Map.entry("X", "arg"));
    }

    @Test
    void plan_fromEarlierStage_inheritsItsEnvAndDependsOnIt() {
        BuildGraph graph = plan("""
                FROM busybox AS Base
                ENV DIR=/srv
                FROM base
                WORKDIR ${DIR}/app
                """);
        assertThat(graph.stage(1).base()).isEqualTo(new BaseRef.Stage(0, "base"));
        assertThat(graph.stage(1).dependsOn()).containsExactly(0);
        assertThat(workdir(graph, 1, 0)).isEqualTo("/srv/app");
        assertThat(graph.order()).containsExactly(0, 1);
    }

    @Test
    void plan_copyFromAndMountFrom_addDependenciesByNameOrIndexAndImagesOtherwise() {
        BuildGraph graph = plan("""
                FROM busybox AS one
                FROM busybox AS two
                FROM scratch
                COPY --from=ONE /a /a
                COPY --from=1 /b /b
                RUN --mount=type=bind,from=two,target=/m true
                COPY --from=nginx:1.25 /etc/nginx /etc/nginx
                """);
        StageNode last = graph.targetStage();
        assertThat(last.base()).isEqualTo(new BaseRef.Scratch());
        assertThat(last.dependsOn()).containsExactly(0, 1);
        assertThat(last.imageInputs()).containsExactly("nginx:1.25");
        assertThat(graph.waves()).containsExactly(new java.util.TreeSet<>(Set.of(0, 1)), new java.util.TreeSet<>(Set.of(2)));
    }

    @Test
    void plan_expandedCopyFrom_resolvesThroughArgs() {
        BuildGraph graph = plan("""
                ARG SRC=builder
                FROM busybox AS builder
                FROM busybox
                ARG SRC
                COPY --from=${SRC} /out /out
                """);
        assertThat(((CopyInstruction) graph.stage(1).steps().get(1).expanded()).from()).isEqualTo("builder");
        assertThat(graph.stage(1).dependsOn()).containsExactly(0);
    }

    @Test
    void plan_target_prunesStagesNotNeeded() {
        BuildGraph graph = plan("""
                FROM busybox AS deps
                FROM busybox AS unused
                FROM deps AS build
                FROM busybox AS test
                COPY --from=build /x /x
                FROM busybox AS release
                """, AMD64.withTarget("TEST"));
        assertThat(graph.target()).isEqualTo(3);
        assertThat(graph.order()).containsExactly(0, 2, 3);
        assertThat(graph.neededStages()).extracting(StageNode::displayName).containsExactly("deps", "build", "test");
        assertThat(graph.waves()).hasSize(3);
        assertThat(graph.dependents(0)).containsExactly(2);
    }

    @Test
    void plan_noTarget_buildsLastStage() {
        BuildGraph graph = plan("FROM busybox AS a\nFROM busybox AS b\n");
        assertThat(graph.target()).isEqualTo(1);
        assertThat(graph.order()).containsExactly(1);
    }

    @Test
    void plan_unknownTarget_fails() {
        assertThatThrownBy(() -> plan("FROM busybox AS a\n", AMD64.withTarget("nope")))
                .isInstanceOf(DockerfileException.class)
                .hasMessage("Dockerfile: target stage \"nope\" could not be found");
    }

    @Test
    void plan_cycle_failsNamingAStage() {
        assertThatThrownBy(() -> plan("""
                FROM busybox AS a
                COPY --from=b /x /x
                FROM busybox AS b
                COPY --from=a /y /y
                """))
                .isInstanceOf(DockerfileException.class)
                .hasMessageContaining("circular dependency detected on stage: ");
    }

    @Test
    void plan_copyFromOwnStage_isACycle() {
        assertThatThrownBy(() -> plan("FROM busybox AS a\nCOPY --from=a /x /y\n"))
                .hasMessage("Dockerfile:1: dockerfile parse error on line 1: circular dependency detected on stage: a");
    }

    @Test
    void plan_copyFromIndexOutOfRange_failsWithLine() {
        assertThatThrownBy(() -> plan("FROM busybox\nCOPY --from=3 /x /y\n"))
                .isInstanceOf(DockerfileException.class)
                .hasMessage("Dockerfile:2: dockerfile parse error on line 2: COPY --from=3: no stage with index 3 "
                        + "(the Dockerfile has 1 stage, numbered from 0)");
    }

    @Test
    void plan_blankBase_fails() {
        assertThatThrownBy(() -> plan("ARG IMG\nFROM ${IMG}\n"))
                .hasMessage("Dockerfile:2: dockerfile parse error on line 2: base name (${IMG}) should not be blank");
    }

    @Test
    void plan_expansionErrorInNeededStage_failsWithLine_andInUnneededStageIsIgnored() {
        String text = """
                FROM busybox AS broken
                LABEL x="${MISSING:?must be set}"
                FROM busybox AS fine
                LABEL y=ok
                """;
        assertThat(((LabelInstruction) plan(text).targetStage().steps().get(0).expanded()).labels().get(0).value())
                .isEqualTo("ok");
        assertThatThrownBy(() -> plan(text, AMD64.withTarget("broken")))
                .isInstanceOf(DockerfileException.class)
                .hasMessageStartingWith("Dockerfile:2: dockerfile parse error on line 2: ")
                .hasMessageContaining("MISSING: must be set");
    }

    @Test
    void plan_stepNumbers_countFromAsFirst() {
        BuildGraph graph = plan("FROM busybox\nWORKDIR /a\nWORKDIR /b\n");
        assertThat(graph.stage(0).steps()).extracting(Step::number).containsExactly(2, 3);
        assertThat(graph.stage(0).steps()).extracting(Step::line).containsExactly(2, 3);
    }

    @Test
    void stageScope_proxyArgs_passWithoutDeclaration() {
        BuildGraph graph = plan("FROM busybox\n", AMD64.withBuildArgs(Map.of("HTTP_PROXY", "http://p:3128", "OTHER", "x")));
        StageScope scope = StageScope.start(graph.globalArgs(), List.of());
        assertThat(scope.proxyArgs()).containsExactly(Map.entry("HTTP_PROXY", "http://p:3128"));
        assertThat(scope.runEnvironment()).doesNotContainKey("OTHER");
    }
}
