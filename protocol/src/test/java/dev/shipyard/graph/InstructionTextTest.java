package dev.shipyard.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipyard.dockerfile.instructions.Dockerfile;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstructionTextTest {

    @Test
    void of_expandedInstructions_renderAsTheyRun() {
        BuildGraph graph = BuildGraph.plan(Dockerfile.parse("Dockerfile", """
                ARG V=1.2
                FROM --platform=linux/amd64 busybox:${V} AS build
                ARG V
                ENV APP=/opt/app NAME="my app"
                COPY --from=base --chown=app:app --chmod=644 --link --exclude=*.md a b ${APP}/
                ADD --checksum=sha256:abc https://example.com/x-${V}.tar /tmp/
                LABEL version=$V
                WORKDIR $APP
                USER app
                EXPOSE 80/tcp 443
                VOLUME /data
                STOPSIGNAL SIGTERM
                RUN echo $APP
                CMD ["sh"]
                """.getBytes(StandardCharsets.UTF_8)), BuildOptions.defaults().withBuildArgs(Map.of()));
        StageNode stage = graph.stage(0);
        assertThat(InstructionText.of(stage.from())).isEqualTo("FROM --platform=linux/amd64 busybox:1.2 AS build");
        assertThat(stage.steps()).extracting(s -> InstructionText.of(s.expanded())).containsExactly(
                "ARG V",
                "ENV APP=/opt/app NAME=\"my app\"",
                "COPY --from=base --chown=app:app --chmod=644 --link --exclude=*.md a b /opt/app/",
                "ADD --checksum=sha256:abc https://example.com/x-1.2.tar /tmp/",
                "LABEL version=1.2",
                "WORKDIR /opt/app",
                "USER app",
                "EXPOSE 443 80/tcp",
                "VOLUME /data",
                "STOPSIGNAL SIGTERM",
                "RUN echo $APP",
                "CMD [\"sh\"]");
    }
}
