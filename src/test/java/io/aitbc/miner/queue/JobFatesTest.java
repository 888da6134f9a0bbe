package io.aitbc.miner.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobOutcome;

/**
 * The one retry path, {@code finish}: which outcomes run again and when, which are committed, with fake moves and a
 * fixed clock (no Redis, no Quarkus).
 */
class JobFatesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant FAR = NOW.plus(Duration.ofHours(1));

    private final FakeMoves moves = new FakeMoves();
    /** 4 runs at most, ceilings 2 s, 4 s, 8 s…; the jitter draws its maximum. */
    private final JobFates fates = new JobFates(new Backoff(BackoffTest.config(4, "2s", "60s"), () -> 1.0),
            Clock.fixed(NOW, ZoneOffset.UTC), moves);

    @Test
    void aTransientFailureWaitsForItsBackoffWithItsError() throws InterruptedException {
        assertThat(fates.finish(job(2, FAR), failure(ErrorCode.E_RUNNER))).isEqualTo(Fate.RETRIED);

        assertThat(moves.delayed).containsExactly(new Delayed("j", NOW.plusSeconds(4), "E_RUNNER: down"));
        assertThat(moves.committed).isEmpty();
    }

    @Test
    void aFetchFailureWaitsUnlessItIsPermanent() throws InterruptedException {
        assertThat(fates.finish(job(1, FAR), failure(ErrorCode.E_FETCH))).isEqualTo(Fate.RETRIED);
        assertThat(fates.finish(job(1, FAR), failure(ErrorCode.E_FETCH).permanent())).isEqualTo(Fate.COMMITTED);

        assertThat(moves.delayed).hasSize(1);
        assertThat(moves.committed).containsExactly("j");
    }

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, mode = EnumSource.Mode.EXCLUDE, names = { "E_RUNNER", "E_FETCH" })
    void everyOtherFailureIsCommittedAtOnce(ErrorCode code) throws InterruptedException {
        assertThat(fates.finish(job(1, FAR), failure(code))).isEqualTo(Fate.COMMITTED);

        assertThat(moves.committed).containsExactly("j");
        assertThat(moves.delayed).isEmpty();
    }

    @Test
    void aResultIsCommitted() throws InterruptedException {
        JobOutcome result = JobOutcome.success(JsonNodeFactory.instance.objectNode(),
                JsonNodeFactory.instance.objectNode());

        assertThat(fates.finish(job(1, FAR), result)).isEqualTo(Fate.COMMITTED);
        assertThat(moves.committed).containsExactly("j");
    }

    @Test
    void theLastAttemptIsCommittedEvenWhenTransient() throws InterruptedException {
        assertThat(fates.finish(job(3, FAR), failure(ErrorCode.E_RUNNER))).isEqualTo(Fate.RETRIED);
        assertThat(fates.finish(job(4, FAR), failure(ErrorCode.E_RUNNER))).isEqualTo(Fate.COMMITTED);

        assertThat(moves.delayed).hasSize(1);
        assertThat(moves.committed).containsExactly("j");
    }

    @Test
    void aRetryThatCouldNotStartBeforeTheDeadlineIsCommittedInstead() throws InterruptedException {
        assertThat(fates.finish(job(1, NOW.plusSeconds(2)), failure(ErrorCode.E_RUNNER))).isEqualTo(Fate.COMMITTED);
        assertThat(fates.finish(job(1, NOW.plusSeconds(3)), failure(ErrorCode.E_RUNNER))).isEqualTo(Fate.RETRIED);
    }

    @Test
    void aJobCancelledWhileItRanIsDiscarded() throws InterruptedException {
        moves.keep = false;

        assertThat(fates.finish(job(1, FAR), failure(ErrorCode.E_EXIT))).isEqualTo(Fate.DISCARDED);
    }

    @Test
    void redisAwayIsWaitedOutAndTheMoveMadeOnce() throws InterruptedException {
        moves.failuresLeft = 1;

        assertThat(fates.finish(job(1, FAR), failure(ErrorCode.E_EXIT))).isEqualTo(Fate.COMMITTED);
        assertThat(moves.committed).containsExactly("j");
    }

    private static Job job(int attempt, Instant deadline) {
        return new Job("j", JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode(), deadline,
                attempt);
    }

    private static JobOutcome failure(ErrorCode code) {
        return JobOutcome.failure(code, "down");
    }

    /** A delay as the moves received it. */
    private record Delayed(String jobId, Instant next, String lastError) {
    }

    /** Records the moves; the commit can fail like Redis away, or find the job gone. */
    private static final class FakeMoves implements JobFates.Moves {

        final List<Delayed> delayed = new ArrayList<>();
        final List<String> committed = new ArrayList<>();
        boolean keep = true;
        int failuresLeft;

        @Override
        public void delay(String jobId, Instant next, String lastError) {
            delayed.add(new Delayed(jobId, next, lastError));
        }

        @Override
        public boolean commit(String jobId, JobOutcome outcome) {
            if (failuresLeft-- > 0) {
                throw new QueueUnavailableException("complete", new IllegalStateException("connection refused"));
            }
            committed.add(jobId);
            return keep;
        }
    }
}
