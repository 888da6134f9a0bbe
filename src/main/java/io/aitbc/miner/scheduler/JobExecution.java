package io.aitbc.miner.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.MDC;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.probe.GpuSampler;
import io.aitbc.miner.queue.Backoff;
import io.aitbc.miner.queue.Durably;
import io.aitbc.miner.queue.JobRecovery;
import io.aitbc.miner.queue.RetryConfig;
import io.aitbc.miner.queue.RetryQueue;
import io.aitbc.miner.runner.RunnerDispatcher;
import io.aitbc.miner.telemetry.JobMetrics;
import io.aitbc.miner.uploader.ResultSizeCap;
import io.quarkus.logging.Log;

/**
 * Runs one claimed job to its durable next state: a transient runner error ({@code E_RUNNER}) waits in
 * {@code delayed} for another attempt while the backoff and the deadline allow it; every other outcome is capped to
 * the result size limit and committed to the outbox.
 */
@ApplicationScoped
class JobExecution {

    private final RunnerDispatcher runners;
    private final RetryQueue queue;
    private final JobRecovery recovery;
    private final ResultSizeCap cap;
    private final Backoff backoff;
    private final JobMetrics metrics;
    private final JobGpuUsage gpuUsage;
    private final Clock clock = Clock.systemUTC();

    JobExecution(RunnerDispatcher runners, RetryQueue queue, JobRecovery recovery, ResultSizeCap cap,
            RetryConfig retry, JobMetrics metrics, JobGpuUsage gpuUsage) {
        this.runners = runners;
        this.gpuUsage = gpuUsage;
        this.metrics = metrics;
        this.queue = queue;
        this.recovery = recovery;
        this.cap = cap;
        this.backoff = new Backoff(retry, () -> ThreadLocalRandom.current().nextDouble());
    }

    void run(Job job) throws InterruptedException {
        MDC.put("job_id", job.id());
        long start = System.nanoTime();
        GpuSampler.Sampling gpus = gpuUsage.start(job);
        try {
            JobOutcome outcome = outcomeOf(job);
            Duration runTime = Duration.ofNanos(System.nanoTime() - start);
            Optional<Instant> retry = outcome.errorCode() == ErrorCode.E_RUNNER
                    ? backoff.nextAttempt(job.attempt(), clock.instant(), job.deadline())
                    : Optional.empty();
            if (retry.isPresent()) {
                String error = outcome.body().path("error_message").asText();
                Log.infof("Job %s attempt %d failed transiently, retrying at %s", job.id(), job.attempt(), retry.get());
                Durably.run("the retry of job " + job.id(), () -> recovery.delay(job.id(), retry.get(), error));
            } else {
                JobOutcome capped = cap.apply(gpuUsage.withUsage(outcome, gpus));
                Durably.run("the outcome of job " + job.id(), () -> queue.complete(job.id(), capped));
                metrics.finished(runners.classify(job.payload()), capped, runTime);
            }
        } finally {
            gpus.stop();
            MDC.remove("job_id");
        }
    }

    private JobOutcome outcomeOf(Job job) throws InterruptedException {
        try {
            return runners.run(job);
        } catch (RuntimeException e) {
            Log.errorf(e, "Job %s failed inside the agent", job.id());
            return JobOutcome.failure(ErrorCode.E_INTERNAL, "agent error " + e.getClass().getSimpleName());
        }
    }
}
