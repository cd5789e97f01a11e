package dev.shipyard.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.shipyard.cache.blob.local.LocalBlobStore;
import dev.shipyard.cache.blob.local.LocalConfig;
import dev.shipyard.cache.index.CacheMetrics;
import dev.shipyard.cache.index.hazelcast.HazelcastCacheIndex;
import dev.shipyard.cache.index.hazelcast.HazelcastMembers;
import dev.shipyard.embedded.kafka.EmbeddedKafka;
import dev.shipyard.protocol.jobs.CancelStep;
import dev.shipyard.protocol.jobs.FailureKind;
import dev.shipyard.protocol.jobs.OutputStream;
import dev.shipyard.protocol.jobs.StepEvent;
import dev.shipyard.protocol.jobs.StepJob;
import dev.shipyard.protocol.jobs.Topics;
import dev.shipyard.worker.jobs.StepOutcome;
import dev.shipyard.worker.jobs.UserStepException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** Step consumers against a real KRaft broker and a real Hazelcast cache index. */
class StepJobConsumerIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    static Path dir;
    private static EmbeddedKafka kafka;
    private static HazelcastInstance hazelcast;
    private static LocalBlobStore store;
    private static HazelcastCacheIndex index;

    private final List<StepJobConsumer> consumers = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private KafkaTestSupport support;
    private TopicReader events;
    private String build;

    @BeforeAll
    static void startParts() throws IOException {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        int port = HazelcastMembers.freePort();
        hazelcast = Hazelcast.newHazelcastInstance(HazelcastMembers.loopbackConfig("step-consumer-it", port,
                List.of(port), Duration.ofSeconds(10)));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        store = new LocalBlobStore(new LocalConfig(dir.resolve("blobs"), 1L << 30), registry);
        index = new HazelcastCacheIndex(hazelcast, store, Clock.systemUTC(), new CacheMetrics(registry));
    }

    @AfterAll
    static void stopParts() {
        if (hazelcast != null) {
            hazelcast.shutdown();
        }
        if (kafka != null) {
            kafka.stop();
        }
    }

    @BeforeEach
    void setUp(TestInfo test) throws Exception {
        String name = test.getTestMethod().orElseThrow().getName().replace('_', '-').toLowerCase();
        build = "b-" + name.hashCode();
        support = new KafkaTestSupport(kafka.bootstrapServers(), Topics.withPrefix("it." + name));
        events = support.reader(support.topics().events());
    }

    @AfterEach
    void tearDown() throws Exception {
        consumers.forEach(StepJobConsumer::abort);
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        events.close();
        support.close();
    }

    private StepJobConsumer consumer(String id, int slots, FakeExecutor executor) {
        return consumer(id, slots, executor, Duration.ofSeconds(5), 3);
    }

    private StepJobConsumer consumer(String id, int slots, FakeExecutor executor, Duration grace, int attempts) {
        StepJobConsumer consumer = new StepJobConsumer(support.config(id, slots, grace, attempts), executor, index,
                meters, Clock.systemUTC());
        consumers.add(consumer);
        consumer.start();
        return consumer;
    }

    private static void awaitAssigned(StepJobConsumer... members) {
        await().atMost(WAIT).until(() -> List.of(members).stream().allMatch(c -> c.assignedPartitions() > 0)
                && List.of(members).stream().mapToInt(StepJobConsumer::assignedPartitions).sum()
                == KafkaTestSupport.STEP_PARTITIONS);
    }

    private List<StepEvent.Finished> finished() {
        return events.events(StepEvent.Finished.class);
    }

    private List<StepEvent.Failed> failed() {
        return events.events(StepEvent.Failed.class);
    }

    private FakeExecutor building() {
        return new FakeExecutor((job, sink, cancel, call) -> {
            sink.output(OutputStream.STDOUT, "building " + job.step().stepId());
            return FakeExecutor.buildLayer(job, store, index);
        });
    }

    @Test
    void consume_twoMembersOfOneGroup_bothExecuteAndEveryJobFinishes() throws Exception {
        FakeExecutor executor = building();
        StepJobConsumer first = consumer("w-1", 2, executor);
        StepJobConsumer second = consumer("w-2", 2, executor);
        awaitAssigned(first, second);

        for (int i = 0; i < 12; i++) {
            support.publishJob(Jobs.job(build, "s-" + i));
        }

        await().atMost(WAIT).until(() -> finished().size() == 12);
        assertThat(finished()).extracting(f -> f.step().stepId()).doesNotHaveDuplicates();
        assertThat(finished()).extracting(StepEvent.Finished::cached).containsOnly(false);
        assertThat(finished().stream().map(StepEvent.Finished::worker).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("w-1", "w-2");
        assertThat(events.events(StepEvent.Output.class)).hasSize(12);
        assertThat(executor.calls()).isEqualTo(12);
    }

    @Test
    void crash_midStep_jobIsRedeliveredToTheOtherMemberAndCompletes() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        FakeExecutor executor = new FakeExecutor((job, sink, cancel, call) -> {
            if (call == 1) {
                firstRunning.countDown();
                // The first execution hangs until its worker dies.
                await().atMost(WAIT).until(cancel::isCancelled);
                throw new IOException("worker died");
            }
            return FakeExecutor.buildLayer(job, store, index);
        });
        StepJobConsumer first = consumer("w-1", 1, executor);
        StepJobConsumer second = consumer("w-2", 1, executor);
        awaitAssigned(first, second);

        support.publishJob(Jobs.job(build, "s-crash"));
        assertThat(firstRunning.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        await().atMost(WAIT).until(() -> !events.events(StepEvent.Started.class).isEmpty());
        String crashed = events.events(StepEvent.Started.class).get(0).worker();
        (crashed.equals("w-1") ? first : second).abort();

        await().atMost(WAIT).until(() -> finished().size() == 1);
        assertThat(finished().get(0).worker()).isNotEqualTo(crashed);
        assertThat(finished().get(0).cached()).isFalse();
        assertThat(failed()).isEmpty();
        assertThat(executor.calls()).isEqualTo(2);
    }

    @Test
    void redelivery_afterSuccess_completesAsCacheHitWithoutExecuting() throws Exception {
        FakeExecutor executor = building();
        consumer("w-1", 1, executor);
        StepJob job = Jobs.job(build, "s-once");

        support.publishJob(job);
        await().atMost(WAIT).until(() -> finished().size() == 1);
        support.publishJob(job);
        await().atMost(WAIT).until(() -> finished().size() == 2);

        assertThat(finished()).extracting(StepEvent.Finished::cached).containsExactly(false, true);
        assertThat(finished().get(1).layer()).isEqualTo(finished().get(0).layer());
        assertThat(executor.calls()).isEqualTo(1);
    }

    @Test
    void crash_afterExecuteBeforeTerminalEvent_stepIsExecutedAgain() throws Exception {
        AtomicReference<StepJobConsumer> firstRef = new AtomicReference<>();
        FakeExecutor executor = new FakeExecutor((job, sink, cancel, call) -> {
            if (call == 1) {
                // The step ran but its layer never got filed: the worker dies before reporting.
                firstRef.get().abort();
                return StepOutcome.built(FakeExecutor.buildLayer(job, store, index).layer());
            }
            return FakeExecutor.buildLayer(job, store, index);
        });
        StepJobConsumer first = consumer("w-1", 1, executor);
        firstRef.set(first);
        awaitAssigned(first);
        support.publishJob(Jobs.job(build, "s-late"));
        await().atMost(WAIT).until(() -> executor.calls() == 1 && first.runningSteps() == 0);
        assertThat(finished()).isEmpty();

        consumer("w-2", 1, executor);

        await().atMost(WAIT).until(() -> finished().size() == 1);
        assertThat(finished().get(0).worker()).isEqualTo("w-2");
    }

    @Test
    void cancel_viaControlTopic_stopsTheRunningStepWithinASecond() throws Exception {
        AtomicLong cancelledAt = new AtomicLong();
        FakeExecutor executor = new FakeExecutor((job, sink, cancel, call) -> {
            CountDownLatch stop = new CountDownLatch(1);
            cancel.token().onCancel(() -> {
                cancelledAt.set(System.nanoTime());
                stop.countDown();
            });
            stop.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            throw new IOException("killed by cancellation");
        });
        consumer("w-1", 1, executor);
        support.publishJob(Jobs.job(build, "s-long"));
        await().atMost(WAIT).until(() -> !events.events(StepEvent.Started.class).isEmpty());

        long sent = System.nanoTime();
        support.publishCancel(new CancelStep(build, "s-long"));

        await().atMost(WAIT).until(() -> failed().size() == 1);
        assertThat(Duration.ofNanos(cancelledAt.get() - sent)).isLessThan(Duration.ofSeconds(1));
        assertThat(failed().get(0).kind()).isEqualTo(FailureKind.CANCELLED);
        assertThat(executor.calls()).isEqualTo(1);
    }

    @Test
    void malformed_jobRecord_goesToDeadLetterAndTheConsumerKeepsGoing() throws Exception {
        TopicReader deadLetters = support.reader(support.topics().deadLetter());
        closeables.add(deadLetters);
        StepJob job = Jobs.job(build, "s-after");
        // Same key, so the same partition: the good job sits behind the garbage.
        support.publish(support.topics().steps(), job.chainId(), "{\"v\":1, garbage".getBytes(StandardCharsets.UTF_8));
        support.publishJob(job);
        consumer("w-1", 1, building());

        await().atMost(WAIT).until(() -> finished().size() == 1);
        await().atMost(WAIT).until(() -> deadLetters.records().size() == 1);
        ConsumerRecord<byte[], byte[]> dead = deadLetters.records().get(0);
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{\"v\":1, garbage");
        assertThat(new String(dead.headers().lastHeader(WorkerProducer.HEADER_ERROR).value(), StandardCharsets.UTF_8))
                .startsWith("could not decode step job: not JSON");
        assertThat(meters.counter("shipyard.kafka.malformed", "topic", support.topics().steps()).count())
                .isEqualTo(1.0);
    }

    @Test
    void slots_moreJobsThanSlots_neverRunsMoreThanSlotsAtOnce() throws Exception {
        FakeExecutor executor = new FakeExecutor((job, sink, cancel, call) -> {
            // Work long enough for the other jobs to pile up.
            new CountDownLatch(1).await(150, TimeUnit.MILLISECONDS);
            return FakeExecutor.buildLayer(job, store, index);
        });
        consumer("w-1", 2, executor);
        for (int i = 0; i < 8; i++) {
            support.publishJob(Jobs.job(build, "s-" + i));
        }

        await().atMost(WAIT).until(() -> finished().size() == 8);
        assertThat(executor.maxConcurrent()).isEqualTo(2);
    }

    @Test
    void retry_infraFailure_isRepublishedAndSucceedsOnTheNextAttempt() throws Exception {
        FakeExecutor executor = new FakeExecutor((job, sink, cancel, call) -> {
            if (job.step().attempt() == 1) {
                throw new IOException("S3 timed out");
            }
            return FakeExecutor.buildLayer(job, store, index);
        });
        consumer("w-1", 1, executor);
        support.publishJob(Jobs.job(build, "s-flaky"));

        await().atMost(WAIT).until(() -> finished().size() == 1);
        assertThat(finished().get(0).step().attempt()).isEqualTo(2);
        assertThat(failed()).isEmpty();
        assertThat(executor.calls()).isEqualTo(2);
    }

    @Test
    void retry_infraFailureEveryTime_failsAfterMaxAttempts() throws Exception {
        FakeExecutor executor = new FakeExecutor((job, sink, cancel, call) -> {
            throw new IOException("disk full");
        });
        consumer("w-1", 1, executor, Duration.ofSeconds(5), 2);
        support.publishJob(Jobs.job(build, "s-doomed"));

        await().atMost(WAIT).until(() -> failed().size() == 1);
        assertThat(failed().get(0).kind()).isEqualTo(FailureKind.INFRA);
        assertThat(failed().get(0).step().attempt()).isEqualTo(2);
        assertThat(failed().get(0).message()).isEqualTo("gave up after 2 attempts: disk full");
        assertThat(executor.calls()).isEqualTo(2);
    }

    @Test
    void retry_userFailure_failsOnceWithoutRetry() throws Exception {
        FakeExecutor executor = new FakeExecutor((job, sink, cancel, call) -> {
            throw new UserStepException("RUN make: exit status 2", List.of("make: *** Error 2"));
        });
        consumer("w-1", 1, executor);
        support.publishJob(Jobs.job(build, "s-broken"));

        await().atMost(WAIT).until(() -> failed().size() == 1);
        assertThat(failed().get(0).kind()).isEqualTo(FailureKind.USER);
        assertThat(failed().get(0).lastLines()).containsExactly("make: *** Error 2");
        // Give a wrong retry the time to show up.
        await().during(Duration.ofMillis(700)).atMost(WAIT).until(() -> executor.calls() == 1);
    }

    @Test
    void close_stepOutlastsGrace_isHandedBackAndDoneByAnotherMember() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        AtomicInteger handedBack = new AtomicInteger();
        FakeExecutor executor = new FakeExecutor((job, sink, cancel, call) -> {
            if (call == 1) {
                running.countDown();
                await().atMost(WAIT).until(cancel::isCancelled);
                handedBack.incrementAndGet();
                throw new IOException("interrupted by shutdown");
            }
            return FakeExecutor.buildLayer(job, store, index);
        });
        StepJobConsumer first = consumer("w-1", 1, executor, Duration.ofMillis(500), 3);
        awaitAssigned(first);
        support.publishJob(Jobs.job(build, "s-slow"));
        assertThat(running.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        first.close();
        assertThat(handedBack.get()).isEqualTo(1);
        assertThat(failed()).isEmpty();
        consumer("w-2", 1, executor);

        await().atMost(WAIT).until(() -> finished().size() == 1);
        assertThat(finished().get(0).worker()).isEqualTo("w-2");
        assertThat(Set.copyOf(events.events(StepEvent.Started.class).stream().map(StepEvent.Started::worker).toList()))
                .containsExactlyInAnyOrder("w-1", "w-2");
    }

    @Test
    void heartbeat_whileStepRuns_listsTheRunningStep() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FakeExecutor executor = new FakeExecutor((job, sink, cancel, call) -> {
            release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            return FakeExecutor.buildLayer(job, store, index);
        });
        consumer("w-1", 1, executor);
        support.publishJob(Jobs.job(build, "s-beat"));

        await().atMost(WAIT).until(() -> events.events(StepEvent.Heartbeat.class).stream()
                .anyMatch(h -> h.worker().equals("w-1") && h.running().stream()
                        .anyMatch(r -> r.stepId().equals("s-beat"))));
        release.countDown();
        await().atMost(WAIT).until(() -> finished().size() == 1);
    }
}
