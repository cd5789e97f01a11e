package dev.shipyard.worker.kafka;

import dev.shipyard.cache.index.CacheIndex;
import dev.shipyard.protocol.jobs.CancelStep;
import dev.shipyard.protocol.jobs.JobCodec;
import dev.shipyard.protocol.jobs.MalformedMessageException;
import dev.shipyard.protocol.jobs.StepEvent;
import dev.shipyard.protocol.jobs.StepJob;
import dev.shipyard.protocol.jobs.StepRef;
import dev.shipyard.worker.jobs.RetryPolicy;
import dev.shipyard.worker.jobs.StepCancellation;
import dev.shipyard.worker.jobs.StepExecutor;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member of the workers' consumer group that executes step jobs, at most {@code worker.slots} at once.
 *
 * <p>One thread polls, starts jobs on the slot threads, pauses its partitions while all slots are busy, and
 * commits. A job's offset is committed only once its terminal event (finished, failed, or the job published
 * again for a retry) is acknowledged, and never past an unfinished job of the same partition: a crash at any
 * point leads to redelivery, never to a lost step. A redelivered job whose key is already in the cache index
 * completes as a hit without executing. Cancellations arrive on the control topic; heartbeats leave on the
 * events topic.
 */
public final class StepJobConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StepJobConsumer.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private enum State { NEW, RUNNING, CLOSING, ABORTED, CLOSED }

    /** A job on a slot thread. */
    private record Running(StepRef step, StepCancellation cancellation, AtomicBoolean handedBack) {
    }

    /** A job whose offset may be committed. */
    private record Done(TopicPartition partition, long offset) {
    }

    private final WorkerKafkaConfig config;
    private final JobCodec codec = new JobCodec();
    private final StepMetrics metrics;
    private final WorkerProducer producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ControlListener control;
    private final StepRun.Context context;
    private final ExecutorService slots;
    private final OffsetBook offsets = new OffsetBook();
    private final Queue<ConsumerRecord<byte[], byte[]>> pending = new ArrayDeque<>();
    private final Queue<Done> done = new ConcurrentLinkedQueue<>();
    private final Map<StepRef, Running> running = new ConcurrentHashMap<>();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger assigned = new AtomicInteger();
    private volatile State state = State.NEW;
    private Thread pollThread;
    private Thread controlThread;
    private long closeDeadline;

    public StepJobConsumer(WorkerKafkaConfig config, StepExecutor executor, CacheIndex index, MeterRegistry meters,
            Clock clock) {
        this.config = config;
        this.metrics = new StepMetrics(meters);
        this.producer = new WorkerProducer(config.bootstrapServers(), config.workerId() + "-events", config.topics(),
                codec);
        this.context = new StepRun.Context(config.workerId(), executor, index, new RetryPolicy(config.maxAttempts()),
                producer, clock, metrics);
        this.consumer = new KafkaConsumer<>(consumerConfig(config), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        try {
            this.control = new ControlListener(config.bootstrapServers(), config.workerId() + "-control",
                    config.topics().control(), codec, this::cancel, this::skipMalformed);
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            producer.close(Duration.ZERO);
            throw e;
        }
        this.slots = Executors.newFixedThreadPool(config.slots(), r -> new Thread(r, config.workerId() + "-slot"));
    }

    private static Map<String, Object> consumerConfig(WorkerKafkaConfig config) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, config.groupId(),
                ConsumerConfig.CLIENT_ID_CONFIG, config.workerId() + "-steps",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.slots(),
                // Cooperative: a member joining or leaving moves only the partitions that change owner.
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName(),
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 15_000);
    }

    /** Joins the group and starts consuming; cancellations published from now on are obeyed. */
    public synchronized void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("step consumer " + config.workerId() + " was already started");
        }
        state = State.RUNNING;
        pollThread = new Thread(this::pollLoop, config.workerId() + "-poll");
        controlThread = new Thread(control, config.workerId() + "-control");
        pollThread.start();
        controlThread.start();
        LOG.info("worker {} consuming {} with {} slots", config.workerId(), config.topics().steps(), config.slots());
    }

    public String workerId() {
        return config.workerId();
    }

    /** Steps executing now. */
    public int runningSteps() {
        return busy.get();
    }

    /** Partitions of the steps topic this member owns now. */
    public int assignedPartitions() {
        return assigned.get();
    }

    private void pollLoop() {
        consumer.subscribe(List.of(config.topics().steps()), new Rebalance());
        long nextHeartbeat = 0;
        try {
            while (state == State.RUNNING || state == State.CLOSING) {
                drainDone();
                if (state == State.CLOSING && shutdownStep()) {
                    break;
                }
                if (state == State.RUNNING) {
                    startPending();
                }
                flowControl();
                commitDone();
                if (System.nanoTime() >= nextHeartbeat) {
                    heartbeat();
                    nextHeartbeat = System.nanoTime() + config.heartbeatInterval().toNanos();
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    offsets.received(partition(record), record.offset());
                    pending.add(record);
                }
            }
        } catch (WakeupException e) {
            if (state != State.ABORTED) {
                LOG.error("step consumer {} woken up unexpectedly", config.workerId(), e);
            }
        } catch (RuntimeException e) {
            LOG.error("step consumer {} stopped: {}", config.workerId(), e.getMessage(), e);
        } finally {
            leaveGroup();
        }
    }

    private void leaveGroup() {
        if (state == State.ABORTED) {
            // As a crash would: nothing committed (auto-commit is off); leaving lets the group reassign at once.
            consumer.close(Duration.ofSeconds(2));
            return;
        }
        drainDone();
        commitDone();
        consumer.close(Duration.ofSeconds(5));
    }

    private void startPending() {
        while (busy.get() < config.slots() && !pending.isEmpty()) {
            ConsumerRecord<byte[], byte[]> record = pending.poll();
            StepJob job;
            try {
                job = codec.decodeJob(record.value());
            } catch (MalformedMessageException e) {
                skipMalformed(record, e);
                offsets.done(partition(record), record.offset());
                continue;
            }
            launch(record, job);
        }
    }

    private void launch(ConsumerRecord<byte[], byte[]> record, StepJob job) {
        Running run = new Running(job.step(), new StepCancellation(), new AtomicBoolean());
        running.put(job.step(), run);
        busy.incrementAndGet();
        TopicPartition partition = partition(record);
        StepRun step = new StepRun(context, job, run.cancellation(),
                () -> state != State.ABORTED && !run.handedBack().get());
        slots.execute(() -> {
            boolean committable = false;
            try {
                committable = step.run();
            } catch (RuntimeException | Error e) {
                LOG.error("step {} broke its slot; it stays uncommitted: {}", job.step(), e.getMessage(), e);
            } finally {
                running.remove(job.step(), run);
                busy.decrementAndGet();
                if (committable) {
                    done.add(new Done(partition, record.offset()));
                }
            }
        });
    }

    private void flowControl() {
        if (state == State.CLOSING || busy.get() >= config.slots() || !pending.isEmpty()) {
            consumer.pause(consumer.assignment());
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    private void drainDone() {
        for (Done d = done.poll(); d != null; d = done.poll()) {
            offsets.done(d.partition(), d.offset());
        }
    }

    private void commitDone() {
        commit(offsets.partitions());
    }

    private void commit(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> commit = offsets.committable(partitions);
        if (commit.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(commit);
            offsets.committed(commit);
        } catch (CommitFailedException | RebalanceInProgressException e) {
            LOG.warn("could not commit step offsets {} of worker {}: {}; the jobs may run again", commit,
                    config.workerId(), e.getMessage());
        }
    }

    private void heartbeat() {
        List<StepRef> steps = List.copyOf(running.keySet());
        producer.publish(new StepEvent.Heartbeat(config.workerId(), steps, context.clock().instant()));
    }

    /** One round of a graceful shutdown; true when it is over. */
    private boolean shutdownStep() {
        if (closeDeadline == 0) {
            closeDeadline = System.nanoTime() + config.shutdownGrace().toNanos();
        }
        if (busy.get() == 0) {
            return true;
        }
        if (System.nanoTime() < closeDeadline) {
            return false;
        }
        running.values().forEach(run -> {
            LOG.info("handing back step {}: not done within the shutdown grace of {}", run.step(),
                    config.shutdownGrace());
            run.handedBack().set(true);
            run.cancellation().cancel();
        });
        return true;
    }

    private void cancel(CancelStep cancel) {
        running.values().stream()
                .filter(run -> run.step().sameStep(cancel.buildId(), cancel.stepId()))
                .forEach(run -> {
                    LOG.info("cancelling step {} on request", run.step());
                    run.cancellation().cancel();
                });
    }

    private void skipMalformed(ConsumerRecord<byte[], byte[]> record, MalformedMessageException error) {
        LOG.warn("skipped malformed record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                error.getMessage());
        metrics.malformed(record.topic());
        try {
            producer.deadLetter(record, error.getMessage());
        } catch (KafkaPublishException e) {
            LOG.error("{}; the record is skipped all the same", e.getMessage());
        }
    }

    private static TopicPartition partition(ConsumerRecord<?, ?> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    /** Keeps the bookkeeping of moved partitions straight; runs on the poll thread. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            drainDone();
            commit(partitions);
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned.addAndGet(partitions.size());
            LOG.info("worker {} got partitions {}", config.workerId(), partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            offsets.forget(partitions);
            pending.removeIf(record -> partitions.contains(partition(record)));
            assigned.addAndGet(-partitions.size());
        }
    }

    /**
     * Stops as a crash would, for tests and fatal errors: no more events, no commit, running steps cancelled;
     * the group hands the uncommitted jobs to other members.
     */
    public void abort() {
        synchronized (this) {
            if (state == State.CLOSED || state == State.ABORTED) {
                return;
            }
            state = State.ABORTED;
        }
        running.values().forEach(run -> run.cancellation().cancel());
        consumer.wakeup();
        stopThreads(Duration.ZERO);
    }

    /**
     * Stops fetching, lets running steps finish within {@code worker.shutdown.grace} and commits them; steps
     * still running then are cancelled and handed back uncommitted, to be redelivered. Then leaves the group.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (state == State.NEW) {
                state = State.CLOSED;
                consumer.close(Duration.ZERO);
                control.stop();
                producer.close();
                slots.shutdownNow();
                return;
            }
            if (state != State.RUNNING) {
                return;
            }
            state = State.CLOSING;
        }
        join(pollThread, config.shutdownGrace().plusSeconds(15));
        stopThreads(Duration.ofSeconds(10));
        state = State.CLOSED;
        LOG.info("worker {} left the group", config.workerId());
    }

    private void stopThreads(Duration producerTimeout) {
        control.stop();
        slots.shutdownNow();
        if (Thread.currentThread() != pollThread) {
            join(pollThread, Duration.ofSeconds(15));
        }
        join(controlThread, Duration.ofSeconds(5));
        producer.close(producerTimeout);
    }

    private static void join(Thread thread, Duration timeout) {
        if (thread == null || thread == Thread.currentThread()) {
            return;
        }
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
