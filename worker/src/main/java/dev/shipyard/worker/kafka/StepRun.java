package dev.shipyard.worker.kafka;

import dev.shipyard.cache.index.CacheIndex;
import dev.shipyard.cache.index.CacheNamespace;
import dev.shipyard.cache.index.LayerRecord;
import dev.shipyard.protocol.jobs.FailureKind;
import dev.shipyard.protocol.jobs.LayerResult;
import dev.shipyard.protocol.jobs.OutputStream;
import dev.shipyard.protocol.jobs.StepEvent;
import dev.shipyard.protocol.jobs.StepJob;
import dev.shipyard.protocol.jobs.StepRef;
import dev.shipyard.worker.jobs.RetryPolicy;
import dev.shipyard.worker.jobs.StepCancellation;
import dev.shipyard.worker.jobs.StepExecutor;
import dev.shipyard.worker.jobs.StepOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job from fetch to terminal event: a cache hit completes it without executing; otherwise it is executed
 * and its outcome published, or, after a retriable failure, the job is published again for its next attempt.
 * It reports {@code true} (commit the offset) only once the terminal record is acknowledged.
 */
final class StepRun {
    private static final Logger LOG = LoggerFactory.getLogger(StepRun.class);

    /** What a run needs from its consumer. */
    record Context(String workerId, StepExecutor executor, CacheIndex index, RetryPolicy retry, WorkerProducer producer,
                   Clock clock, StepMetrics metrics) {
    }

    private final Context context;
    private final StepJob job;
    private final StepCancellation cancellation;
    private final BooleanSupplier mayPublish;
    private final AtomicLong seq = new AtomicLong();

    StepRun(Context context, StepJob job, StepCancellation cancellation, BooleanSupplier mayPublish) {
        this.context = context;
        this.job = job;
        this.cancellation = cancellation;
        this.mayPublish = mayPublish;
    }

    /** Runs the job; true when its terminal record is acknowledged and its offset may be committed. */
    boolean run() {
        try {
            Optional<LayerResult> hit = lookup();
            if (hit.isPresent()) {
                context.metrics().cached();
                return finish(new StepEvent.Finished(job.step(), context.workerId(), hit.get(), true, now()));
            }
            if (job.deadline().isBefore(now())) {
                return finish(failed(FailureKind.CANCELLED, "the build's deadline " + job.deadline()
                        + " passed before the step started", List.of()));
            }
            publish(new StepEvent.Started(job.step(), context.workerId(), now()));
            return execute();
        } catch (KafkaPublishException e) {
            LOG.error("{}; step {} stays uncommitted and will be delivered again", e.getMessage(), job.step());
            return false;
        }
    }

    private boolean execute() throws KafkaPublishException {
        StepOutcome outcome;
        try {
            outcome = context.executor().execute(job, this::output, cancellation);
        } catch (Exception e) {
            return failedAttempt(e);
        }
        context.metrics().built();
        return finish(new StepEvent.Finished(job.step(), context.workerId(), outcome.layer(), outcome.cached(), now()));
    }

    private boolean failedAttempt(Exception failure) throws KafkaPublishException {
        if (failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        RetryPolicy.Verdict verdict = context.retry().decide(failure, job.step().attempt(), cancellation.isCancelled());
        if (!mayPublish.getAsBoolean()) {
            return false;
        }
        if (verdict.retry()) {
            LOG.warn("step {} failed on attempt {}, retrying: {}", job.step(), job.step().attempt(), verdict.message());
            context.metrics().retried();
            context.producer().publishJobAcked(job.nextAttempt());
            return true;
        }
        LOG.info("step {} failed ({}): {}", job.step(), verdict.kind(), verdict.message());
        context.metrics().failed(verdict.kind());
        return finish(failed(verdict.kind(), verdict.message(), verdict.lastLines()));
    }

    private Optional<LayerResult> lookup() {
        try {
            return context.index().lookAgain(CacheNamespace.of(job.cacheNamespace()), job.cacheKey())
                    .map(StepRun::result);
        } catch (RuntimeException e) {
            // The index is an optimisation here: executing again is always safe.
            LOG.warn("could not look up {} in the cache index, executing step {}: {}", job.cacheKey(), job.step(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    private static LayerResult result(LayerRecord record) {
        return new LayerResult(record.digest(), record.diffId(), record.size(), record.mediaType());
    }

    private StepEvent.Failed failed(FailureKind kind, String message, List<String> lastLines) {
        return new StepEvent.Failed(job.step(), context.workerId(), kind, message, lastLines, now());
    }

    private boolean finish(StepEvent terminal) throws KafkaPublishException {
        if (!mayPublish.getAsBoolean()) {
            return false;
        }
        context.producer().publishAcked(terminal);
        return true;
    }

    private void output(OutputStream stream, String line) {
        publish(new StepEvent.Output(job.step(), stream, line, seq.getAndIncrement(), now()));
    }

    private void publish(StepEvent event) {
        if (mayPublish.getAsBoolean()) {
            context.producer().publish(event);
        }
    }

    private Instant now() {
        return context.clock().instant();
    }

    StepRef step() {
        return job.step();
    }
}
