package io.aitbc.miner.scheduler;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.MDC;

import io.aitbc.miner.InvalidConfigException;
import io.aitbc.miner.job.Channels;
import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.probe.HardwareProbe;
import io.aitbc.miner.queue.Durably;
import io.aitbc.miner.queue.QueueUnavailableException;
import io.aitbc.miner.queue.RetryQueue;
import io.aitbc.miner.runner.InferenceConfig;
import io.aitbc.miner.runner.RunnerDispatcher;
import io.aitbc.miner.telemetry.JobMetrics;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * Bounds how many jobs run at once with slot semaphores sized at start-up (D13), and runs each claimed job on a
 * virtual thread. A wake-up for a job whose pool is full is dropped: the job waits in {@code ready}, never in a
 * channel, and is woken again when a slot frees (D12).
 */
@Startup
@ApplicationScoped
public class SlotScheduler {

    private final RetryQueue queue;
    private final RunnerDispatcher runners;
    private final JobMetrics metrics;
    private final int inferenceSlots;
    private final Semaphore inference;
    private final AtomicBoolean starved = new AtomicBoolean();
    private final ExecutorService jobs = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("job-", 0).factory());

    SlotScheduler(RetryQueue queue, RunnerDispatcher runners, InferenceConfig inferenceConfig, GpuSlotsConfig gpuConfig,
            HardwareProbe probe, JobMetrics metrics) {
        this.queue = queue;
        this.runners = runners;
        this.metrics = metrics;
        this.inferenceSlots = inferenceSlots(inferenceConfig, gpuConfig, probe);
        this.inference = new Semaphore(inferenceSlots);
    }

    /** Every slot of every pool: the {@code concurrency} registered and the bound on jobs held (D13). */
    public int totalSlots() {
        return inferenceSlots;
    }

    /** Slots now running a job. */
    public int busySlots() {
        return inferenceSlots - inference.availablePermits();
    }

    @Incoming(Channels.JOBS_READY)
    void onReady(String jobId) {
        metrics.waiting(jobId);
        if (!inference.tryAcquire()) {
            starved.set(true);
            return;
        }
        jobs.submit(() -> runClaimed(jobId));
    }

    private void runClaimed(String jobId) {
        try {
            Optional<Job> job = queue.claim(jobId);
            metrics.started(jobId);
            job.ifPresent(this::run);
        } catch (QueueUnavailableException e) {
            Log.warnf("Cannot claim job %s: %s", jobId, e.getMessage());
        } finally {
            inference.release();
            if (starved.getAndSet(false)) {
                sweepQuietly();
            }
        }
    }

    private void run(Job job) {
        MDC.put("job_id", job.id());
        long start = System.nanoTime();
        try {
            JobOutcome outcome = outcomeOf(job);
            Duration runTime = Duration.ofNanos(System.nanoTime() - start);
            Durably.run("the outcome of job " + job.id(), () -> queue.complete(job.id(), outcome));
            metrics.finished(runners.classify(job.payload()), outcome, runTime);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Log.infof("Job %s stopped before its outcome was stored; it stays in Redis", job.id());
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

    private void sweepQuietly() {
        try {
            queue.sweep();
        } catch (QueueUnavailableException e) {
            Log.debugf("Sweep skipped: %s", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        jobs.shutdownNow();
    }

    private static int inferenceSlots(InferenceConfig inference, GpuSlotsConfig gpu, HardwareProbe probe) {
        if (gpu.slotsPerDevice() < 1) {
            throw new InvalidConfigException("MINER_GPU_SLOTS_PER_DEVICE", "must be at least 1");
        }
        int slots = inference.slots().orElseGet(() -> Math.max(1, probe.inventory().gpus().size() * gpu.slotsPerDevice()));
        if (slots < 1) {
            throw new InvalidConfigException("MINER_INFERENCE_SLOTS", "must be at least 1");
        }
        return slots;
    }
}
