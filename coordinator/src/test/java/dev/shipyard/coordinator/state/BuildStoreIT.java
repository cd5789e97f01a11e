package dev.shipyard.coordinator.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import dev.shipyard.cache.index.hazelcast.HazelcastMembers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Build records and event logs on a real three-member Hazelcast cluster. */
@Timeout(120)
class BuildStoreIT {
    private static final BuildRequest REQUEST = new BuildRequest("Dockerfile", List.of(), Map.of(), null, Map.of(),
            false, null, "oci");

    private List<HazelcastInstance> members;

    @BeforeEach
    void start() {
        members = HazelcastMembers.startLoopbackCluster("shipyard-builds-" + UUID.randomUUID(), 3,
                Duration.ofSeconds(4));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> members.stream().allMatch(m -> m.getCluster().getMembers().size() == 3));
    }

    @AfterEach
    void stop() {
        members.forEach(m -> {
            if (m.getLifecycleService().isRunning()) {
                m.getLifecycleService().terminate();
            }
        });
    }

    private static BuildRecord build(String id, int steps) {
        List<StepRecord> records = new ArrayList<>();
        for (int i = 1; i <= steps; i++) {
            records.add(StepRecord.queued(0, i, i, "RUN step " + i));
        }
        return BuildRecord.queued(id, REQUEST, "sha256:" + "1".repeat(64), records, 1000);
    }

    @Test
    void record_concurrentStepUpdatesFromEveryMember_loseNothing() throws Exception {
        List<BuildStore> stores = members.stream().map(m -> BuildStore.on(m, 10_000)).toList();
        stores.get(0).create(build("00000000000000000001", 60));
        ExecutorService threads = Executors.newFixedThreadPool(6);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            String step = "0/" + i;
            BuildStore store = stores.get(i % 3);
            work.add(threads.submit(() -> {
                store.record(new BuildEvent.StepChanged("00000000000000000001", step, StepState.RUNNING, "w", null,
                        null, null, 2000));
                store.record(new BuildEvent.StepChanged("00000000000000000001", step, StepState.DONE, "w", "k" + step,
                        "l" + step, null, 3000));
            }));
        }
        for (Future<?> f : work) {
            f.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();

        BuildRecord after = stores.get(2).get("00000000000000000001").orElseThrow();
        assertThat(after.steps()).allSatisfy(s -> {
            assertThat(s.state()).isEqualTo(StepState.DONE);
            assertThat(s.cacheKey()).isEqualTo("k" + s.id());
        });
        EventBatch log = stores.get(1).readEventsAsync("00000000000000000001", 0, 1000).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        assertThat(log.events()).hasSize(1 + 120);
    }

    @Test
    void record_afterFinalState_isRejectedAndNotLogged() throws Exception {
        BuildStore store = BuildStore.on(members.get(0), 10_000);
        store.create(build("00000000000000000002", 1));

        assertThat(store.record(new BuildEvent.StateChanged("00000000000000000002", BuildState.CANCELLED, "stop", null,
                2000))).isPresent();
        assertThat(store.record(new BuildEvent.StepChanged("00000000000000000002", "0/1", StepState.RUNNING, "w",
                null, null, null, 3000))).isEmpty();
        assertThat(store.record(new BuildEvent.StateChanged("00000000000000000003", BuildState.RUNNING, null, null,
                2000))).isEmpty();

        EventBatch log = store.readEventsAsync("00000000000000000002", 0, 100).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        assertThat(log.events()).extracting(LoggedEvent::event).extracting(e -> ((BuildEvent.StateChanged) e).state())
                .containsExactly(BuildState.QUEUED, BuildState.CANCELLED);
    }

    @Test
    void get_afterTheAcceptingMemberDies_recordAndLogSurvive() throws Exception {
        BuildStore first = BuildStore.on(members.get(0), 10_000);
        BuildStore.on(members.get(1), 10_000);
        for (int i = 0; i < 20; i++) {
            String id = String.format("%020d", 100 + i);
            first.create(build(id, 1));
            first.record(new BuildEvent.StateChanged(id, BuildState.RUNNING, null, null, 2000));
        }

        members.get(0).getLifecycleService().terminate();
        BuildStore second = BuildStore.on(members.get(2), 10_000);

        for (int i = 0; i < 20; i++) {
            String id = String.format("%020d", 100 + i);
            assertThat(second.get(id)).map(BuildRecord::state).hasValue(BuildState.RUNNING);
            EventBatch log = second.readEventsAsync(id, 0, 10).toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(log.events()).hasSize(2);
        }
    }

    @Test
    void list_pagesInIdOrderAcrossPartitions() {
        BuildStore store = BuildStore.on(members.get(1), 10_000);
        for (int i = 9; i >= 0; i--) {
            store.create(build(String.format("%020d", i), 1));
        }

        BuildPage first = store.list(null, 4);
        BuildPage second = store.list(first.next(), 4);
        BuildPage third = store.list(second.next(), 4);

        assertThat(first.builds()).extracting(BuildRecord::id)
                .containsExactly("00000000000000000000", "00000000000000000001", "00000000000000000002",
                        "00000000000000000003");
        assertThat(second.builds()).hasSize(4);
        assertThat(third.builds()).extracting(BuildRecord::id)
                .containsExactly("00000000000000000008", "00000000000000000009");
        assertThat(third.next()).isNull();
    }

    @Test
    void countByState_countsEveryStateFarmWide() {
        BuildStore store = BuildStore.on(members.get(2), 10_000);
        store.create(build("00000000000000000010", 1));
        store.create(build("00000000000000000011", 1));
        store.record(new BuildEvent.StateChanged("00000000000000000011", BuildState.FAILED, "x", null, 2000));

        Map<BuildState, Long> counts = BuildStore.on(members.get(0), 10_000).countByState();

        assertThat(counts).containsEntry(BuildState.QUEUED, 1L).containsEntry(BuildState.FAILED, 1L)
                .containsEntry(BuildState.DONE, 0L).hasSize(5);
    }
}
