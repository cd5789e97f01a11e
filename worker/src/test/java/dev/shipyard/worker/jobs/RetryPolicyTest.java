package dev.shipyard.worker.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.protocol.jobs.FailureKind;
import dev.shipyard.worker.sandbox.StepCancelledException;
import dev.shipyard.worker.sandbox.StepFailedException;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(3);

    @Test
    void decide_userFailure_failsAtOnceWithItsLastLines() {
        RetryPolicy.Verdict verdict = policy.decide(new UserStepException("exit status 2", List.of("boom")), 1, false);
        assertThat(verdict.retry()).isFalse();
        assertThat(verdict.kind()).isEqualTo(FailureKind.USER);
        assertThat(verdict.lastLines()).containsExactly("boom");
    }

    @Test
    void decide_sandboxNonZeroExit_isUserFailure() {
        StepFailedException exit = new StepFailedException("make", 2, "exit status 2", List.of("make: *** Error 2"));
        RetryPolicy.Verdict verdict = policy.decide(exit, 1, false);
        assertThat(verdict.retry()).isFalse();
        assertThat(verdict.kind()).isEqualTo(FailureKind.USER);
        assertThat(verdict.lastLines()).containsExactly("make: *** Error 2");
    }

    @Test
    void decide_infraFailureBeforeLastAttempt_retries() {
        RetryPolicy.Verdict verdict = policy.decide(new IOException("S3 unreachable"), 2, false);
        assertThat(verdict.retry()).isTrue();
        assertThat(verdict.kind()).isEqualTo(FailureKind.INFRA);
    }

    @Test
    void decide_infraFailureOnLastAttempt_failsSayingSo() {
        RetryPolicy.Verdict verdict = policy.decide(new IOException("S3 unreachable"), 3, false);
        assertThat(verdict.retry()).isFalse();
        assertThat(verdict.kind()).isEqualTo(FailureKind.INFRA);
        assertThat(verdict.message()).isEqualTo("gave up after 3 attempts: S3 unreachable");
    }

    @Test
    void decide_anyFailureOfACancelledStep_isCancelledNotRetried() {
        RetryPolicy.Verdict verdict = policy.decide(new IOException("pipe closed"), 1, true);
        assertThat(verdict.retry()).isFalse();
        assertThat(verdict.kind()).isEqualTo(FailureKind.CANCELLED);
    }

    @Test
    void decide_sandboxCancelled_isCancelled() {
        assertThat(policy.decide(new StepCancelledException("sleep 60"), 1, false).kind())
                .isEqualTo(FailureKind.CANCELLED);
    }

    @Test
    void new_zeroAttempts_isRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0)).hasMessageContaining("worker.retry.max-attempts");
    }
}
