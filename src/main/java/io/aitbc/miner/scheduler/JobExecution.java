package io.aitbc.miner.scheduler;

import java.time.Duration;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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
 * which retries a transient failure or commits the outcome to the outbox ({@link RetryQueue#finish}). A runner that
 * throws fails the job with {@code E_INTERNAL}. Its collaborators are narrow functions, so it is unit-tested with fakes.
 */
@ApplicationScoped
class JobExecution {

    /** Runs a claimed job to its outcome: the runner dispatcher. */
    @FunctionalInterface
    interface Run {
        JobOutcome run(Job job) throws InterruptedException;
    }

    /** What becomes of the outcome: the queue's {@link RetryQueue#finish}. */
    @FunctionalInterface
    interface Finish {
        Fate finish(Job job, JobOutcome outcome) throws InterruptedException;
    }

    /** Hears of every outcome that is not retried, with the runner's wall time: the job meters. */
    @FunctionalInterface
    interface Finished {
        void finished(Job job, JobOutcome outcome, Duration runTime);
    }

    private final Run runner;
    private final Finish queue;
    private final UnaryOperator<JobOutcome> cap;
    private final Finished finished;

    @Inject
    JobExecution(RunnerDispatcher runners, RetryQueue queue, ResultSizeCap cap, JobMetrics metrics) {
        this(runners::run, queue::finish, cap::apply,
                (job, outcome, runTime) -> metrics.finished(runners.classify(job.payload()), outcome, runTime));
    }

    JobExecution(Run runner, Finish queue, UnaryOperator<JobOutcome> cap, Finished finished) {
        this.runner = runner;
        this.queue = queue;
        this.cap = cap;
        this.finished = finished;
    }

    void run(Job job) throws InterruptedException {
        MDC.put("job_id", job.id());
        long start = System.nanoTime();
        try {
            JobOutcome outcome = outcomeOf(job);
            Duration runTime = Duration.ofNanos(System.nanoTime() - start);
            JobOutcome capped = cap.apply(outcome);
            if (queue.finish(job, capped) != Fate.RETRIED) {
                finished.finished(job, capped, runTime);
            }
        } finally {
            MDC.remove("job_id");
        }
    }

    private JobOutcome outcomeOf(Job job) throws InterruptedException {
        try {
            return runner.run(job);
        } catch (RuntimeException e) {
            Log.errorf(e, "Job %s failed inside the agent", job.id());
            return JobOutcome.failure(ErrorCode.E_INTERNAL, "agent error " + e.getClass().getSimpleName());
        }
    }
}
