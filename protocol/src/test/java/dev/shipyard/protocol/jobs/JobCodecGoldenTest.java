package dev.shipyard.protocol.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every message shape is pinned by a golden file: encoding gives it, decoding it gives the message back. */
class JobCodecGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JobCodec codec = new JobCodec();

    static Stream<Arguments> golden() {
        return Samples.golden().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void encode_sample_matchesGoldenFile(String file, Object message) throws IOException {
        assertThat(JSON.readTree(encode(message))).isEqualTo(goldenTree(file));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void decode_goldenFile_givesSample(String file, Object message) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(goldenTree(file));
        assertThat(decodeLike(message, bytes)).isEqualTo(message);
    }

    private byte[] encode(Object message) {
        if (message instanceof StepJob job) {
            return codec.encode(job);
        }
        if (message instanceof StepEvent event) {
            return codec.encode(event);
        }
        return codec.encode((CancelStep) message);
    }

    private Object decodeLike(Object message, byte[] bytes) {
        if (message instanceof StepJob) {
            return codec.decodeJob(bytes);
        }
        if (message instanceof StepEvent) {
            return codec.decodeEvent(bytes);
        }
        return codec.decodeControl(bytes);
    }

    private static JsonNode goldenTree(String file) throws IOException {
        try (InputStream in = JobCodecGoldenTest.class.getResourceAsStream("/jobs/" + file)) {
            assertThat(in).as("golden file jobs/%s", file).isNotNull();
            return JSON.readTree(in);
        }
    }
}
