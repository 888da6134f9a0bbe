package io.aitbc.miner.scheduler;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.aitbc.miner.InvalidConfigException;
import io.aitbc.miner.job.Channels;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.probe.HardwareProbe;
import io.aitbc.miner.queue.QueueUnavailableException;
import io.aitbc.miner.queue.RetryQueue;
import io.aitbc.miner.runner.InferenceConfig;
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
    private final JobExecution execution;
    private final JobMetrics metrics;
    private final int inferenceSlots;
    private final Semaphore inference;
    private final AtomicBoolean starved = new AtomicBoolean();
    private final Map<String, Future<?>> running = new ConcurrentHashMap<>();
    private final ExecutorService jobs = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("job-", 0).factory());

    SlotScheduler(RetryQueue queue, JobExecution execution, InferenceConfig inferenceConfig, GpuSlotsConfig gpuConfig,
            HardwareProbe probe, JobMetrics metrics) {
        this.queue = queue;
        this.execution = execution;
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

    /** Stops a job this process runs (its client cancelled it); its slot frees when the runner returns. */
    public void stop(String jobId) {
        Future<?> job = running.get(jobId);
        if (job != null) {
            job.cancel(true);
        }
    }

    @Incoming(Channels.JOBS_READY)
    synchronized void onReady(String jobId) {
        if (running.containsKey(jobId)) {
            return;
        }
        metrics.waiting(jobId);
        if (!inference.tryAcquire()) {
            starved.set(true);
            return;
        }
        FutureTask<Void> task = new FutureTask<>(() -> runClaimed(jobId), null);
        running.put(jobId, task);
        jobs.execute(task);
    }

    private void runClaimed(String jobId) {
        try {
            Optional<Job> job = queue.claim(jobId);
            if (job.isPresent()) {
                metrics.started(jobId);
                execution.run(job.get());
            }
        } catch (QueueUnavailableException e) {
            Log.warnf("Cannot claim job %s: %s", jobId, e.getMessage());
        } catch (InterruptedException e) {
            Log.infof("Job %s stopped before its outcome was stored", jobId);
        } finally {
            running.remove(jobId);
            inference.release();
            if (starved.getAndSet(false)) {
                sweepQuietly();
            }
        }
    }

    private void sweepQuietly() {
        try {
            queue.wakeReady();
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
