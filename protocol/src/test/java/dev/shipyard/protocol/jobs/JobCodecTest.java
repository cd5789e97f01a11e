package dev.shipyard.protocol.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipyard.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobCodecTest {
    private final JobCodec codec = new JobCodec();

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void decodeJob_garbage_saysNotJson() {
        assertThatThrownBy(() -> codec.decodeJob(utf8("\u0000\u0001 not json")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageStartingWith("could not decode step job: not JSON");
    }

    @Test
    void decodeJob_empty_saysEmpty() {
        assertThatThrownBy(() -> codec.decodeJob(new byte[0]))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("could not decode step job: the message is empty");
    }

    @Test
    void decodeEvent_jsonArray_saysObjectExpected() {
        assertThatThrownBy(() -> codec.decodeEvent(utf8("[1,2]")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("could not decode step event: expected a JSON object");
    }

    @Test
    void decodeJob_futureVersion_namesBothVersions() {
        assertThatThrownBy(() -> codec.decodeJob(utf8("{\"v\":7,\"buildId\":\"b\"}")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("unsupported schema version 7 (this Shipyard reads version 1)");
    }

    @Test
    void decodeEvent_noVersion_saysVersionMissing() {
        assertThatThrownBy(() -> codec.decodeEvent(utf8("{\"type\":\"started\"}")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("no integer schema version field 'v'");
    }

    @Test
    void decodeEvent_unknownType_namesTheType() {
        assertThatThrownBy(() -> codec.decodeEvent(utf8("{\"v\":1,\"type\":\"exploded\",\"at\":\"2026-01-01T00:00:00Z\"}")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("unknown event type 'exploded'");
    }

    @Test
    void decodeJob_missingEnvironment_namesTheField() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode tree = (ObjectNode) json.readTree(codec.encode(Samples.runJob()));
        tree.remove("environment");
        byte[] bytes = json.writeValueAsBytes(tree);
        assertThatThrownBy(() -> codec.decodeJob(bytes))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("field 'environment' is missing");
    }

    @Test
    void decodeJob_badCacheKey_saysWhatIsWrong() {
        String json = new String(codec.encode(Samples.runJob()), StandardCharsets.UTF_8)
                .replace(Samples.runJob().cacheKey().toString(), "sha256:xyz");
        assertThatThrownBy(() -> codec.decodeJob(utf8(json)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("invalid sha256 digest 'xyz'");
    }

    @Test
    void decodeControl_unknownType_isMalformed() {
        assertThatThrownBy(() -> codec.decodeControl(utf8("{\"v\":1,\"type\":\"reboot\",\"buildId\":\"b\",\"stepId\":\"s\"}")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("unknown control type 'reboot'");
    }

    @Test
    void decodeJob_unknownExtraField_isIgnored() {
        String json = new String(codec.encode(Samples.copyJob()), StandardCharsets.UTF_8)
                .replaceFirst("\\{", "{\"priority\":5,");
        assertThat(codec.decodeJob(utf8(json))).isEqualTo(Samples.copyJob());
    }

    @Test
    void chainId_noParents_isScratch() {
        assertThat(Samples.copyJob().chainId()).isEqualTo(StepJob.SCRATCH);
    }

    @Test
    void chainId_twoParents_followsOciChainIdRule() {
        StepJob job = Samples.runJob();
        Digest bottom = job.parents().get(0).diffId();
        Digest top = job.parents().get(1).diffId();
        assertThat(job.chainId()).isEqualTo(Digest.sha256(bottom + " " + top).toString());
    }

    @Test
    void chainId_oneParent_isItsDiffId() {
        StepJob job = Samples.runJob();
        StepJob single = new StepJob(job.step(), job.cacheNamespace(), job.cacheKey(), List.of(job.parents().get(0)),
                job.instruction(), job.environment(), job.inputs(), job.limits(), job.deadline());
        assertThat(single.chainId()).isEqualTo(job.parents().get(0).diffId().toString());
    }

    @Test
    void nextAttempt_job_incrementsOnlyTheAttempt() {
        StepJob next = Samples.runJob().nextAttempt();
        assertThat(next.step()).isEqualTo(new StepRef("b-42", "s-3", 3));
        assertThat(next.cacheKey()).isEqualTo(Samples.runJob().cacheKey());
    }

    @Test
    void orderingKey_stepEventsAndHeartbeats_areBuildAndWorker() {
        assertThat(new StepEvent.Started(Samples.STEP, "w", Samples.AT).orderingKey()).isEqualTo("b-42");
        assertThat(new StepEvent.Heartbeat("w-9", List.of(), Samples.AT).orderingKey()).isEqualTo("w-9");
    }

    @Test
    void topics_withPrefix_namesAllFour() {
        Topics topics = Topics.withPrefix("farm");
        assertThat(List.of(topics.steps(), topics.events(), topics.control(), topics.deadLetter()))
                .containsExactly("farm.steps", "farm.events", "farm.control", "farm.dead-letter");
    }
}
