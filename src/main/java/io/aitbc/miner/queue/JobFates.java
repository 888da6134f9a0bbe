package io.aitbc.miner.queue;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.JobState;
import io.aitbc.miner.queue.QueueScripts.Script;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * The one retry path of a run: a failure that is {@link JobOutcome#retryable()} (its code is, and the runner did not
 * mark it permanent) waits in {@code delayed} until
 * the {@link Backoff} says, while attempts remain and the next run can start before the deadline; the
 * {@link QueueClock} brings it back to {@code ready} then. Every other outcome is committed to the outbox. The decision
 * is plain code over two moves ({@link Moves}), so it is unit-tested with fakes; created at start-up, so a bad
 * {@code MINER_RETRY_*} stops the agent before any job runs.
 */
@Startup
@ApplicationScoped
class JobFates {

    /** The two durable moves a finished run can make. */
    interface Moves {

        /** running → delayed until {@code next}, keeping {@code lastError}. */
        void delay(String jobId, Instant next, String lastError);

        /** running → outbox; false when the job left running meanwhile. */
        boolean commit(String jobId, JobOutcome outcome);
    }

    private final Backoff backoff;
    private final Clock clock;
    private final Moves moves;

    @Inject
    JobFates(RetryConfig config, QueueStore store, Outbox outbox, QueueClock clock) {
        this(new Backoff(config, () -> ThreadLocalRandom.current().nextDouble()), Clock.systemUTC(),
                new RedisMoves(store, outbox, clock));
    }

    JobFates(Backoff backoff, Clock clock, Moves moves) {
        this.backoff = backoff;
        this.clock = clock;
        this.moves = moves;
    }

    /** Retries or commits the run's outcome, holding it in memory while Redis is away ({@link Durably}). */
    Fate finish(Job job, JobOutcome outcome) throws InterruptedException {
        Optional<Instant> retry = retryAt(job, outcome);
        if (retry.isPresent()) {
            String error = outcome.body().path("error_message").asText();
            Log.infof("Job %s attempt %d failed transiently, retrying at %s", job.id(), job.attempt(), retry.get());
            Durably.run("the retry of job " + job.id(), () -> moves.delay(job.id(), retry.get(), error));
            return Fate.RETRIED;
        }
        AtomicBoolean kept = new AtomicBoolean();
        Durably.run("the outcome of job " + job.id(), () -> kept.set(moves.commit(job.id(), outcome)));
        return kept.get() ? Fate.COMMITTED : Fate.DISCARDED;
    }

    /** When the job runs again, if its outcome is a transient failure and the attempts and the deadline allow it. */
    Optional<Instant> retryAt(Job job, JobOutcome outcome) {
        if (!outcome.retryable()) {
            return Optional.empty();
        }
        return backoff.nextAttempt(job.attempt(), clock.instant(), job.deadline());
    }

    /** The moves in Redis: {@code delay.lua}, with the clock told when the job is due, and the outbox's commit. */
    private record RedisMoves(QueueStore store, Outbox outbox, QueueClock clock) implements Moves {

        @Override
        public void delay(String jobId, Instant next, String lastError) {
            QueueKeys keys = store.keys();
            store.move(Script.DELAY, List.of(keys.job(jobId), keys.state(JobState.RUNNING), keys.state(JobState.DELAYED)),
                    jobId, Long.toString(next.toEpochMilli()), lastError);
            clock.dueAt(next.toEpochMilli());
        }

        @Override
        public boolean commit(String jobId, JobOutcome outcome) {
            return outbox.commit(jobId, outcome);
        }
    }
}
