package io.aitbc.miner.scheduler;

import java.time.Duration;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.jboss.logging.MDC;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobFinished;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.JobType;
import io.aitbc.miner.job.Placement;
import io.aitbc.miner.job.RawOutcome;
import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.queue.Fate;
import io.aitbc.miner.queue.RetryQueue;
import io.aitbc.miner.result.ResultRules;
import io.aitbc.miner.runner.RunnerDispatcher;
import io.quarkus.logging.Log;

/**
 * Runs one claimed job to its durable next state: the runner's raw outcome gets the result rules (billing metrics,
 * billing keys stripped, the size cap) once, then goes to the queue, which retries a transient failure or commits the
 * outcome to the outbox ({@link RetryQueue#finish}); a committed outcome is announced as {@link JobFinished}. A runner
 * that throws fails the job with {@code E_INTERNAL}. Its collaborators are narrow functions, so it is unit-tested with
 * fakes.
 */
@ApplicationScoped
class JobExecution {

    /** Runs a claimed job on its slot: the runner dispatcher, its GPUs sampled meanwhile ({@link JobGpuUsage}). */
    @FunctionalInterface
    interface Run {
        RawOutcome run(Job job, Placement placement) throws InterruptedException;
    }

    /** Turns a raw outcome into the report: the result rules. */
    @FunctionalInterface
    interface Rules {
        JobOutcome apply(RawOutcome raw, SlotKind slot);
    }

    /** What becomes of the outcome: the queue's {@link RetryQueue#finish}. */
    @FunctionalInterface
    interface Finish {
        Fate finish(Job job, JobOutcome outcome) throws InterruptedException;
    }

    private final Run runner;
    private final Rules rules;
    private final Finish queue;
    private final Consumer<JobFinished> finished;

    @Inject
    JobExecution(RunnerDispatcher runners, JobGpuUsage gpus, ResultRules results, RetryQueue queue,
            Event<JobFinished> finished) {
        this((job, placement) -> gpus.run(job, placement, runners::run), results::apply, queue::finish,
                finished::fire);
    }

    JobExecution(Run runner, Rules rules, Finish queue, Consumer<JobFinished> finished) {
        this.runner = runner;
        this.rules = rules;
        this.queue = queue;
        this.finished = finished;
    }

    void run(Job job, Placement placement) throws InterruptedException {
        MDC.put("job_id", job.id());
        long start = System.nanoTime();
        try {
            RawOutcome raw = outcomeOf(job, placement);
            Duration runTime = Duration.ofNanos(System.nanoTime() - start);
            JobOutcome outcome = rules.apply(raw, placement.slot());
            if (queue.finish(job, outcome) != Fate.RETRIED) {
                finished.accept(new JobFinished(job.id(), JobType.of(job.payload()), outcome, runTime,
                        raw.firstToken()));
            }
        } finally {
            MDC.remove("job_id");
        }
    }

    private RawOutcome outcomeOf(Job job, Placement placement) throws InterruptedException {
        try {
            return runner.run(job, placement);
        } catch (RuntimeException e) {
            Log.errorf(e, "Job %s failed inside the agent", job.id());
            return RawOutcome.unmeasured(
                    JobOutcome.failure(ErrorCode.E_INTERNAL, "agent error " + e.getClass().getSimpleName()));
        }
    }
}
