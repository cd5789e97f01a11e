package dev.shipyard.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipyard.coordinator.build.TestTars;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.archive.ArchiveFormat;
import dev.shipyard.oci.archive.ArchiveImage;
import dev.shipyard.oci.archive.ImageArchiveReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API of two coordinators on a real two-member Hazelcast cluster, with in-process fake runners. */
@Timeout(120)
class HttpApiIT {
    private static final long MAX_CONTEXT = 256 << 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCKERFILE = """
            FROM scratch AS base
            COPY a.txt /a.txt
            FROM base AS app
            ARG GREETING=hi
            COPY b.txt /$GREETING.txt
            """;

    @TempDir
    static Path dir;
    static Farm farm;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        farm = new Farm(dir, MAX_CONTEXT);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        farm.close();
    }

    private static byte[] context() {
        return TestTars.tar(Map.of("Dockerfile", DOCKERFILE.getBytes(), "a.txt", "a".getBytes(),
                "b.txt", "b".getBytes()));
    }

    private static HttpResponse<String> post(int coordinator, String query, byte[] body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(farm.base(coordinator) + "/v1/builds" + query))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/x-tar");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).get(60, TimeUnit.SECONDS);
    }

    private static HttpResponse<String> send(int coordinator, String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(farm.base(coordinator) + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).get(60, TimeUnit.SECONDS);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static String submit(String query) throws Exception {
        HttpResponse<String> response = post(0, query, context());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response).get("id").asText();
    }

    private static JsonNode awaitState(String id, String state) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            last[0] = json(send(0, "GET", "/v1/builds/" + id));
            return last[0].get("state").asText().equals(state);
        });
        return last[0];
    }

    private static void assertError(HttpResponse<String> response, int status, String messagePart) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(response).get("error").asText()).contains(messagePart);
    }

    @Test
    void submit_plainTar_acceptsQueuedAndRunsToDone() throws Exception {
        HttpResponse<String> response = post(0, "?t=shipyard/app:1&buildarg=GREETING=hello", context());

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode accepted = json(response);
        assertThat(accepted.get("state").asText()).isEqualTo("queued");
        JsonNode done = awaitState(accepted.get("id").asText(), "done");
        assertThat(done.get("contextDigest").asText()).isEqualTo(Digest.sha256(context()).toString());
        assertThat(farm.blobs.has(Digest.sha256(context()))).isTrue();
        assertThat(done.get("buildArgs").get("GREETING").asText()).isEqualTo("hello");
        assertThat(done.get("imageDigest").asText()).startsWith("sha256:");
    }

    @Test
    void submit_gzipTar_isDetectedAndStoredAsUploaded() throws Exception {
        byte[] gzip = TestTars.gzip(context());

        HttpResponse<String> response = post(0, "", gzip, "Content-Type", "application/gzip");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode build = awaitState(json(response).get("id").asText(), "done");
        assertThat(build.get("contextDigest").asText()).isEqualTo(Digest.sha256(gzip).toString());
    }

    @Test
    void submit_chunkedBody_isStreamedWithoutContentLength() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(farm.base(0) + "/v1/builds"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(context()))).build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(awaitState(json(response).get("id").asText(), "done").get("contextDigest").asText())
                .isEqualTo(Digest.sha256(context()).toString());
    }

    @Test
    void submit_inlineDockerfile_usesHeaderInsteadOfContextFile() throws Exception {
        byte[] onlyFiles = TestTars.tar(Map.of("a.txt", "a".getBytes()));
        String inline = Base64.getEncoder().encodeToString("FROM scratch\nCOPY a.txt /\n".getBytes());

        HttpResponse<String> response = post(0, "", onlyFiles, "X-Shipyard-Dockerfile", inline);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode build = awaitState(json(response).get("id").asText(), "done");
        assertThat(build.get("dockerfile").asText()).isEqualTo("-");
        assertThat(build.get("steps")).hasSize(2);
    }

    @Test
    void events_lateSubscriber_getsWholeLogEndingWithFinalState() throws Exception {
        String id = submit("");
        awaitState(id, "done");

        List<Sse> events = Sse.parse(send(0, "GET", "/v1/builds/" + id + "/events").body());

        assertThat(events.get(0).event()).isEqualTo("state");
        assertThat(events.get(0).data().get("state").asText()).isEqualTo("queued");
        assertThat(events.get(1).data().get("state").asText()).isEqualTo("running");
        Sse last = events.get(events.size() - 1);
        assertThat(last.event()).isEqualTo("state");
        assertThat(last.data().get("state").asText()).isEqualTo("done");
        assertThat(events).extracting(Sse::id).isSorted().doesNotHaveDuplicates();
        assertThat(events).filteredOn(e -> e.event().equals("output")).hasSize(5)
                .allSatisfy(e -> assertThat(e.data().get("text").asText()).startsWith("ran "));
        assertThat(events).filteredOn(e -> e.event().equals("step")).hasSize(10);
    }

    @Test
    void events_resumedWithLastEventId_startAfterIt() throws Exception {
        String id = submit("");
        awaitState(id, "done");
        List<Sse> all = Sse.parse(send(0, "GET", "/v1/builds/" + id + "/events").body());

        HttpRequest request = HttpRequest.newBuilder(URI.create(farm.base(0) + "/v1/builds/" + id + "/events"))
                .header("Last-Event-ID", Long.toString(all.get(2).id())).build();
        List<Sse> rest = Sse.parse(http.send(request, HttpResponse.BodyHandlers.ofString()).body());

        assertThat(rest).extracting(Sse::id).containsExactlyElementsOf(all.subList(3, all.size()).stream()
                .map(Sse::id).toList());
    }

    @Test
    void events_subscriberBeforeTheEnd_followsUntilFinalState() throws Exception {
        farm.runner.hold();
        String id;
        java.util.concurrent.CompletableFuture<HttpResponse<String>> stream;
        try {
            id = submit("");
            await().atMost(Duration.ofSeconds(10)).until(() -> json(send(0, "GET", "/v1/builds/" + id))
                    .get("state").asText().equals("running"));
            stream = http.sendAsync(HttpRequest.newBuilder(URI.create(farm.base(1) + "/v1/builds/" + id + "/events"))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } finally {
            farm.runner.release();
        }

        List<Sse> events = Sse.parse(stream.get(30, TimeUnit.SECONDS).body());

        assertThat(events.get(events.size() - 1).data().get("state").asText()).isEqualTo("done");
        assertThat(events).filteredOn(e -> e.event().equals("step")).hasSize(10);
    }

    @Test
    void get_doneBuild_showsEveryStepWithWorkerKeyLayerAndTimes() throws Exception {
        String id = submit("?target=app");

        JsonNode build = awaitState(id, "done");

        JsonNode steps = build.get("steps");
        assertThat(steps).hasSize(5);
        List<String> ids = new ArrayList<>();
        steps.forEach(step -> {
            ids.add(step.get("id").asText());
            assertThat(step.get("state").asText()).isEqualTo("done");
            assertThat(step.get("worker").asText()).isEqualTo("fake-worker");
            assertThat(step.get("cacheKey").asText()).startsWith("sha256:");
            assertThat(step.get("layerDigest").asText()).startsWith("sha256:");
            assertThat(step.has("startedAt") && step.has("finishedAt")).isTrue();
        });
        assertThat(ids).containsExactly("0/1", "0/2", "1/1", "1/2", "1/3");
        assertThat(steps.get(4).get("line").asInt()).isEqualTo(5);
        assertThat(steps.get(4).get("instruction").asText()).contains("/hi.txt");
        assertThat(build.has("createdAt") && build.has("startedAt") && build.has("finishedAt")).isTrue();
    }

    @Test
    void submit_failingStep_endsFailedWithTheStepsError() throws Exception {
        byte[] context = TestTars.tar(Map.of("Dockerfile", "FROM scratch\nRUN exit 1\n".getBytes()));

        String id = json(post(0, "", context)).get("id").asText();

        JsonNode build = awaitState(id, "failed");
        assertThat(build.get("error").asText()).contains("step 0/2 failed");
        assertThat(build.get("steps").get(1).get("state").asText()).isEqualTo("failed");
        assertError(send(0, "GET", "/v1/builds/" + id + "/image"), 409, "the build is failed, not done");
    }

    @Test
    void image_doneBuild_downloadsOciAndDockerArchives() throws Exception {
        String id = submit("?t=shipyard/hello:1.0");
        JsonNode build = awaitState(id, "done");

        for (ArchiveFormat format : ArchiveFormat.values()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(farm.base(1) + "/v1/builds/" + id + "/image?format="
                    + format.name().toLowerCase())).build();
            Path file = dir.resolve(id + "-" + format + ".tar");
            HttpResponse<Path> response = http.send(request, HttpResponse.BodyHandlers.ofFile(file));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-tar");
            try (ImageArchiveReader reader = ImageArchiveReader.open(file)) {
                reader.verify();
                assertThat(reader.format()).isEqualTo(format);
                ArchiveImage image = reader.images().get(0);
                assertThat(image.manifest().digest().toString()).isEqualTo(build.get("imageDigest").asText());
                assertThat(image.layers()).hasSize(1);
                if (format == ArchiveFormat.DOCKER) {
                    assertThat(image.names()).anyMatch(n -> n.contains("shipyard/hello:1.0"));
                }
            }
            Files.delete(file);
        }
    }

    @Test
    void cancel_runningBuild_endsCancelledEverywhere() throws Exception {
        farm.runner.hold();
        try {
            String id = submit("");
            await().atMost(Duration.ofSeconds(10)).until(() -> farm.runner.wasStarted(id));

            HttpResponse<String> cancelled = send(0, "DELETE", "/v1/builds/" + id);

            assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
            assertThat(json(cancelled).get("state").asText()).isEqualTo("cancelled");
            assertThat(farm.runner.wasCancelled(id)).isTrue();
            assertThat(json(send(1, "GET", "/v1/builds/" + id)).get("state").asText()).isEqualTo("cancelled");
            List<Sse> events = Sse.parse(send(1, "GET", "/v1/builds/" + id + "/events").body());
            assertThat(events.get(events.size() - 1).data().get("state").asText()).isEqualTo("cancelled");
            assertError(send(0, "DELETE", "/v1/builds/" + id), 409, "already cancelled");
            assertError(send(0, "GET", "/v1/builds/" + id + "/image"), 409, "not done");
        } finally {
            farm.runner.release();
        }
    }

    @Test
    void image_beforeDone_is409() throws Exception {
        farm.runner.hold();
        try {
            String id = submit("");

            assertError(send(0, "GET", "/v1/builds/" + id + "/image"), 409, "not done");
        } finally {
            farm.runner.release();
        }
    }

    @Test
    void list_pagesThroughEveryBuildInIdOrder() throws Exception {
        List<String> mine = List.of(submit(""), submit(""), submit(""));

        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode page = json(send(1, "GET", "/v1/builds?limit=2" + (after == null ? "" : "&after=" + after)));
            assertThat(page.get("builds").size()).isBetween(1, 2);
            page.get("builds").forEach(b -> seen.add(b.get("id").asText()));
            after = page.has("next") ? page.get("next").asText() : null;
            pages++;
        } while (after != null && pages < 100);

        assertThat(seen).isSorted().doesNotHaveDuplicates().containsAll(mine);
        assertThat(pages).isEqualTo((seen.size() + 1) / 2);
    }

    @Test
    void secondCoordinator_servesBuildAcceptedByFirst() throws Exception {
        String id = submit("");
        awaitState(id, "done");

        JsonNode build = json(send(1, "GET", "/v1/builds/" + id));
        List<Sse> events = Sse.parse(send(1, "GET", "/v1/builds/" + id + "/events").body());

        assertThat(build.get("state").asText()).isEqualTo("done");
        assertThat(build.get("steps")).hasSize(5);
        assertThat(events.get(0).data().get("state").asText()).isEqualTo("queued");
        assertThat(events.get(events.size() - 1).data().get("state").asText()).isEqualTo("done");
    }

    @Test
    void submit_notATar_is400() throws Exception {
        assertError(post(0, "", "just some text, no tar here".repeat(40).getBytes()), 400,
                "context is not a tar stream");
    }

    @Test
    void submit_parentPathInContext_is400() throws Exception {
        byte[] context = TestTars.tar(Map.of("Dockerfile", "FROM scratch\n".getBytes(), "../evil", "x".getBytes()));

        HttpResponse<String> response = post(0, "", context);

        assertError(response, 400, "leaves the context");
        assertThat(json(response).get("detail").get("entry").asText()).isEqualTo("../evil");
    }

    @Test
    void submit_absolutePathInContext_is400() throws Exception {
        byte[] context = TestTars.tar(Map.of("Dockerfile", "FROM scratch\n".getBytes(), "/etc/passwd", "x".getBytes()));

        assertError(post(0, "", context), 400, "absolute path");
    }

    @Test
    void submit_badDockerfile_is400WithFileAndLine() throws Exception {
        byte[] context = TestTars.tar(Map.of("ci/Dockerfile", "FROM scratch\nCOPY a /a\nRNU true\n".getBytes()));

        HttpResponse<String> response = post(0, "?dockerfile=ci/Dockerfile", context);

        assertError(response, 400, "ci/Dockerfile:3");
        JsonNode detail = json(response).get("detail");
        assertThat(detail.get("file").asText()).isEqualTo("ci/Dockerfile");
        assertThat(detail.get("line").asInt()).isEqualTo(3);
        assertThat(json(response).get("error").asText()).contains("did you mean RUN?");
    }

    @Test
    void submit_unknownTarget_is400() throws Exception {
        assertError(post(0, "?target=nope", context()), 400, "target stage \"nope\" could not be found");
    }

    @Test
    void submit_dockerfileNotInContext_is400() throws Exception {
        assertError(post(0, "?dockerfile=other/Dockerfile", context()), 400, "other/Dockerfile is not a file");
    }

    @Test
    void submit_badParameter_is400BeforeTheBodyIsRead() throws Exception {
        assertError(post(0, "?buildarg=NOVALUE", context()), 400, "must read KEY=VALUE");
        assertError(post(0, "?output=zip", context()), 400, "output must be oci or docker");
    }

    @Test
    void submit_announcedLengthOverLimit_is413BeforeTheBodyIsSent() throws Exception {
        // A raw request announcing a body it never sends: only an answer that does not wait for the body arrives.
        try (Socket socket = new Socket("127.0.0.1", farm.coordinators.get(0).port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("POST /v1/builds HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
                    + (MAX_CONTEXT + 1) + "\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = readResponse(socket.getInputStream());

            assertThat(answer).startsWith("HTTP/1.1 413 ");
            assertThat(answer).contains("larger than " + MAX_CONTEXT).contains("\"maxBytes\":" + MAX_CONTEXT);
        }
    }

    /** Reads one HTTP/1.1 response with a Content-Length; the connection may stay open. */
    private static String readResponse(java.io.InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
                .matcher(head);
        int size = length.find() ? Integer.parseInt(length.group(1)) : 0;
        return head + new String(in.readNBytes(size), StandardCharsets.UTF_8);
    }

    @Test
    void submit_streamedBodyOverLimit_is413() throws Exception {
        byte[] big = TestTars.tar(Map.of("Dockerfile", "FROM scratch\n".getBytes(),
                "big", new byte[(int) MAX_CONTEXT]));
        HttpRequest request = HttpRequest.newBuilder(URI.create(farm.base(0) + "/v1/builds"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();

        HttpResponse<String> response = http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .get(60, TimeUnit.SECONDS);

        assertError(response, 413, "larger than " + MAX_CONTEXT);
    }

    @Test
    void get_unknownOrMalformedBuild_is404() throws Exception {
        assertError(send(0, "GET", "/v1/builds/0123456789abcdef0123"), 404, "no build 0123456789abcdef0123");
        assertError(send(0, "GET", "/v1/builds/not-an-id"), 404, "no build not-an-id");
        assertError(send(0, "DELETE", "/v1/builds/0123456789abcdef0123"), 404, "no build");
        assertError(send(0, "GET", "/v1/builds/0123456789abcdef0123/events"), 404, "no build");
        assertError(send(0, "GET", "/v1/builds/0123456789abcdef0123/image"), 404, "no build");
    }

    @Test
    void list_badLimit_is400() throws Exception {
        assertError(send(0, "GET", "/v1/builds?limit=0"), 400, "limit must be a number from 1 to 500");
        assertError(send(0, "GET", "/v1/builds?limit=x"), 400, "limit must be a number");
    }

    @Test
    void unknownRouteAndMethod_areJsonErrors() throws Exception {
        assertError(send(0, "GET", "/v2/nothing"), 404, "no such resource");
        assertError(send(0, "PUT", "/v1/builds"), 405, "method not allowed");
    }

    @Test
    void healthAndReadiness_answerOk() throws Exception {
        assertThat(send(0, "GET", "/healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = send(1, "GET", "/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready).get("status").asText()).isEqualTo("ready");
    }

    @Test
    void metrics_showBuildsByStateAndRequestTimings() throws Exception {
        String id = submit("");
        awaitState(id, "done");
        send(0, "GET", "/v1/builds/" + id);

        String text = send(0, "GET", "/metrics").body();

        assertThat(text).containsPattern("shipyard_builds\\{state=\"done\"} [1-9]");
        assertThat(text).contains("shipyard_builds{state=\"cancelled\"}");
        assertThat(text).containsPattern("shipyard_http_requests_seconds_count\\{method=\"GET\","
                + "route=\"/v1/builds/:id\",status=\"200\"} [1-9]");
    }

    @Test
    void openApi_isServedAsYaml() throws Exception {
        HttpResponse<String> response = send(0, "GET", "/openapi.yaml");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("openapi: 3");
    }

}
