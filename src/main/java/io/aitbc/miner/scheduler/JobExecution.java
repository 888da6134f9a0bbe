package io.aitbc.miner.scheduler;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.MDC;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.queue.Fate;
import io.aitbc.miner.queue.RetryQueue;
import io.aitbc.miner.runner.RunnerDispatcher;
import io.aitbc.miner.telemetry.JobMetrics;
import io.aitbc.miner.uploader.ResultSizeCap;
import io.quarkus.logging.Log;

/**
 * Runs one claimed job to its durable next state: the outcome, capped to the result size limit, goes to the queue,
 * which retries a transient failure or commits the outcome to the outbox ({@link RetryQueue#finish}).
 */
@ApplicationScoped
class JobExecution {

    private final RunnerDispatcher runners;
    private final RetryQueue queue;
    private final ResultSizeCap cap;
    private final JobMetrics metrics;

    JobExecution(RunnerDispatcher runners, RetryQueue queue, ResultSizeCap cap, JobMetrics metrics) {
        this.runners = runners;
        this.metrics = metrics;
        this.queue = queue;
        this.cap = cap;
    }

    void run(Job job) throws InterruptedException {
        MDC.put("job_id", job.id());
        long start = System.nanoTime();
        try {
            JobOutcome outcome = outcomeOf(job);
            Duration runTime = Duration.ofNanos(System.nanoTime() - start);
            JobOutcome capped = cap.apply(outcome);
            if (queue.finish(job, capped) != Fate.RETRIED) {
                metrics.finished(runners.classify(job.payload()), capped, runTime);
            }
        } finally {
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
