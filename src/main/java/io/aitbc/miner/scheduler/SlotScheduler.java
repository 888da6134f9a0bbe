package io.aitbc.miner.scheduler;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.config.InvalidConfigException;
import io.aitbc.miner.job.Channels;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobStarted;
import io.aitbc.miner.job.JobWaiting;
import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.job.SlotNeed;
import io.aitbc.miner.probe.HardwareProbe;
import io.aitbc.miner.queue.JobPeek;
import io.aitbc.miner.queue.QueueUnavailableException;
import io.aitbc.miner.queue.RetryQueue;
import io.aitbc.miner.runner.DeviceAssignments;
import io.aitbc.miner.runner.InferenceConfig;
import io.aitbc.miner.runner.SlotNeeds;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * Bounds how many jobs run at once with the slot pools of D13, sized at start-up, and runs each claimed job on a
 * virtual thread. A job whose pool is full waits in {@code ready}, never in a channel, and is woken again when a slot
 * frees (D12). A polled job's pool is known from its payload before it enters {@code ready} ({@link #expect}). For
 * other jobs (recovered, adopted) it is learnt without an extra round trip while every pool has room (claim first,
 * then take the slot its payload needs: slots are kept for such claims); when some pool is full the payload is peeked
 * first and the pool remembered, so the job is claimed only once its slot is free.
 */
@Startup
@ApplicationScoped
public class SlotScheduler {

    private final RetryQueue queue;
    private final JobPeek peek;
    private final SlotNeeds needs;
    private final DeviceAssignments devices;
    private final JobExecution execution;
    private final Event<JobWaiting> waiting;
    private final Event<JobStarted> started;
    private final SlotPools pools;
    private final Map<String, SlotNeed> known = new ConcurrentHashMap<>();
    /** Ready jobs refused for want of a slot, offered again when one frees (the periodic sweep catches the rest). */
    private final Set<String> starved = ConcurrentHashMap.newKeySet();
    private final Map<String, Future<?>> running = new ConcurrentHashMap<>();
    private final ExecutorService jobs = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("job-", 0).factory());
    /** Jobs claimed before their pool is known; each pool keeps this many slots free for them. Guarded by this. */
    private int unclassified;

    SlotScheduler(RetryQueue queue, JobPeek peek, SlotNeeds needs, DeviceAssignments devices, JobExecution execution,
            InferenceConfig inferenceConfig, GpuSlotsConfig gpuConfig, CpuSlotsConfig cpuConfig, HardwareProbe probe,
            Event<JobWaiting> waiting, Event<JobStarted> started) {
        this.queue = queue;
        this.peek = peek;
        this.needs = needs;
        this.devices = devices;
        this.execution = execution;
        this.waiting = waiting;
        this.started = started;
        this.pools = new SlotPools(inferenceSlots(inferenceConfig, gpuConfig, probe),
                cpuConfig.slots().orElseGet(() -> probe.inventory().cpuCores()), gpuConfig.slotsPerDevice(),
                probe.inventory());
    }

    /** Every slot of every pool: the {@code concurrency} registered and the bound on jobs held (D13). */
    public int totalSlots() {
        return pools.total();
    }

    /** Slots of one pool now running a job ({@link SlotKind#GPU}: of all devices together). */
    public int busy(SlotKind kind) {
        return pools.busy(kind);
    }

    /** The slots of one pool ({@link SlotKind#GPU}: of all devices together). */
    public int slots(SlotKind kind) {
        return pools.size(kind);
    }

    /**
     * Learns the pool of a polled job before it enters {@code ready}, from the payload at hand, so that its wake-up
     * needs no peek at Redis even when some pool is full.
     */
    public void expect(String jobId, JsonNode payload, JsonNode constraints) {
        known.put(jobId, needs.of(payload, constraints));
    }

    /** Forgets an {@link #expect expected} job that did not enter {@code ready} (Redis already knew it). */
    public void forget(String jobId) {
        if (!running.containsKey(jobId)) {
            known.remove(jobId);
        }
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
        waiting.fire(new JobWaiting(jobId));
        SlotNeed need = known.get(jobId);
        if (need != null) {
            Optional<Lease> lease = pools.tryAcquire(need, unclassified);
            if (lease.isPresent()) {
                launch(jobId, () -> claimAndRun(jobId, need, lease.get()));
            } else {
                starved.add(jobId);
            }
        } else if (pools.roomEverywhere(unclassified)) {
            unclassified++;
            launch(jobId, () -> claimThenClassify(jobId));
        } else if (pools.roomSomewhere(unclassified)) {
            launch(jobId, () -> peekNeed(jobId));
        } else {
            starved.add(jobId);
        }
    }

    private void launch(String jobId, Runnable work) {
        FutureTask<Void> task = new FutureTask<>(() -> {
            try {
                work.run();
            } finally {
                running.remove(jobId);
                offerStarved();
            }
        }, null);
        running.put(jobId, task);
        jobs.execute(task);
    }

    private void claimThenClassify(String jobId) {
        Optional<Job> job = Optional.empty();
        try {
            job = claim(jobId);
        } finally {
            if (job.isEmpty()) {
                release();
            }
        }
        if (job.isPresent()) {
            SlotNeed need = needs.of(job.get().payload(), job.get().constraints());
            Lease lease;
            synchronized (this) {
                unclassified--;
                lease = pools.tryAcquire(need, unclassified).orElseGet(() -> {
                    Log.errorf("No slot kept for job %s: it runs without one", jobId);
                    return Lease.NONE;
                });
            }
            runWith(job.get(), need, lease);
        }
    }

    private synchronized void release() {
        unclassified--;
    }

    private void claimAndRun(String jobId, SlotNeed need, Lease lease) {
        Optional<Job> job = Optional.empty();
        try {
            job = claim(jobId);
        } finally {
            if (job.isEmpty()) {
                lease.release();
                known.remove(jobId);
            }
        }
        job.ifPresent(j -> runWith(j, need, lease));
    }

    /** Learns the pool of a job waiting in {@code ready}, then offers it again. */
    private void peekNeed(String jobId) {
        try {
            peek.ready(jobId).ifPresent(p -> known.put(jobId, needs.of(p.payload(), p.constraints())));
        } catch (QueueUnavailableException e) {
            Log.warnf("Cannot read job %s: %s", jobId, e.getMessage());
            return;
        }
        if (known.containsKey(jobId)) {
            starved.add(jobId);
        }
    }

    private Optional<Job> claim(String jobId) {
        try {
            return queue.claim(jobId);
        } catch (QueueUnavailableException e) {
            Log.warnf("Cannot claim job %s: %s", jobId, e.getMessage());
            return Optional.empty();
        }
    }

    private void runWith(Job job, SlotNeed need, Lease lease) {
        lease.device().ifPresent(device -> devices.assign(job.id(), device));
        started.fire(new JobStarted(job.id(), need.kind()));
        try {
            execution.run(job);
        } catch (InterruptedException e) {
            Log.infof("Job %s stopped before its outcome was stored", job.id());
        } finally {
            devices.release(job.id());
            known.remove(job.id());
            lease.release();
        }
    }

    private void offerStarved() {
        for (String jobId : List.copyOf(starved)) {
            if (starved.remove(jobId)) {
                onReady(jobId);
            }
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
