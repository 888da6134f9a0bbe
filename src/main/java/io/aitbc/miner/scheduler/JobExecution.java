package io.aitbc.miner.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.MDC;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobFinished;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.JobType;
import io.aitbc.miner.job.Placement;
import io.aitbc.miner.job.RawOutcome;
import io.aitbc.miner.queue.Backoff;
import io.aitbc.miner.queue.Durably;
import io.aitbc.miner.queue.JobRecovery;
import io.aitbc.miner.queue.RetryConfig;
import io.aitbc.miner.queue.RetryQueue;
import io.aitbc.miner.result.ResultRules;
import io.aitbc.miner.runner.RunnerDispatcher;
import io.quarkus.logging.Log;

/**
 * Runs one claimed job to its durable next state: the runner's raw outcome gets the result rules (billing metrics,
 * billing keys stripped, the size cap) once; then a transient runner error ({@code E_RUNNER}) waits in
 * {@code delayed} for another attempt while the backoff and the deadline allow it, and every other outcome is
 * committed to the outbox.
 */
@ApplicationScoped
class JobExecution {

    private final RunnerDispatcher runners;
    private final RetryQueue queue;
    private final JobRecovery recovery;
    private final ResultRules results;
    private final Backoff backoff;
    private final Event<JobFinished> finished;
    private final Clock clock = Clock.systemUTC();

    JobExecution(RunnerDispatcher runners, RetryQueue queue, JobRecovery recovery, ResultRules results,
            RetryConfig retry, Event<JobFinished> finished) {
        this.runners = runners;
        this.queue = queue;
        this.recovery = recovery;
        this.results = results;
        this.finished = finished;
        this.backoff = new Backoff(retry, () -> ThreadLocalRandom.current().nextDouble());
    }

    void run(Job job, Placement placement) throws InterruptedException {
        MDC.put("job_id", job.id());
        long start = System.nanoTime();
        try {
            RawOutcome raw = outcomeOf(job, placement);
            Duration runTime = Duration.ofNanos(System.nanoTime() - start);
            JobOutcome outcome = results.apply(raw, placement.slot());
            Optional<Instant> retry = outcome.errorCode() == ErrorCode.E_RUNNER
                    ? backoff.nextAttempt(job.attempt(), clock.instant(), job.deadline())
                    : Optional.empty();
            if (retry.isPresent()) {
                String error = outcome.body().path("error_message").asText();
                Log.infof("Job %s attempt %d failed transiently, retrying at %s", job.id(), job.attempt(), retry.get());
                Durably.run("the retry of job " + job.id(), () -> recovery.delay(job.id(), retry.get(), error));
            } else {
                Durably.run("the outcome of job " + job.id(), () -> queue.complete(job.id(), outcome));
                finished.fire(new JobFinished(job.id(), JobType.of(job.payload()), outcome, runTime,
                        raw.firstToken()));
            }
        } finally {
            MDC.remove("job_id");
        }
    }

    private RawOutcome outcomeOf(Job job, Placement placement) throws InterruptedException {
        try {
            return runners.run(job, placement);
        } catch (RuntimeException e) {
            Log.errorf(e, "Job %s failed inside the agent", job.id());
            return RawOutcome.unmeasured(
                    JobOutcome.failure(ErrorCode.E_INTERNAL, "agent error " + e.getClass().getSimpleName()));
        }
    }
}
