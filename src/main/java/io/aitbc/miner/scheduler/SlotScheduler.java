package io.aitbc.miner.scheduler;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.gpuhealth.GpuHealth;
import io.aitbc.miner.gpuhealth.GpuHealthChanged;
import io.aitbc.miner.job.Channels;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobStarted;
import io.aitbc.miner.job.JobWaiting;
import io.aitbc.miner.job.ReadyJob;
import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.job.SlotNeed;
import io.aitbc.miner.probe.HardwareProbe;
import io.aitbc.miner.queue.Durably;
import io.aitbc.miner.queue.QueueUnavailableException;
import io.aitbc.miner.queue.RetryQueue;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * Bounds how many jobs run at once with the slot pools of D13, sized at start-up, and runs each claimed job on a
 * virtual thread. Every wake-up carries the job's slot need (stored with the job when it entered the queue), so one
 * path admits every job, polled, recovered or adopted, without reading Redis ({@link Admission}): a job is claimed
 * only once it holds a slot; a job whose pool is full waits in {@code ready}, never in a channel, and is admitted
 * when a slot frees (D12). A GPU whose health takes its slots out (D44) gets no job until it takes jobs again; the jobs
 * waiting for it are admitted then.
 */
@Startup
@ApplicationScoped
public class SlotScheduler {

    private final RetryQueue queue;
    private final JobExecution execution;
    private final Event<JobWaiting> waiting;
    private final Event<JobStarted> started;
    private final SlotPools pools;
    private final Admission admission;
    private final Map<String, Future<?>> running = new ConcurrentHashMap<>();
    private final ExecutorService jobs = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("job-", 0).factory());

    SlotScheduler(RetryQueue queue, JobExecution execution, SlotsConfig config, HardwareProbe probe,
            GpuHealth health, Event<JobWaiting> waiting, Event<JobStarted> started) {
        this.queue = queue;
        this.execution = execution;
        this.waiting = waiting;
        this.started = started;
        this.pools = SlotPools.of(config, probe.inventory(), health::takesJobs);
        this.admission = new Admission(pools);
    }

    /**
     * Every slot of every pool, less those of GPUs that take no job now: the {@code concurrency} registered and the
     * bound on jobs held (D13).
     */
    public int totalSlots() {
        return pools.total();
    }

    /** Slots now running a job. */
    public int busySlots() {
        return pools.busy();
    }

    /** Slots of one pool now running a job ({@link SlotKind#GPU}: of all devices together). */
    public int busy(SlotKind kind) {
        return pools.busy(kind);
    }

    /** The slots of one pool ({@link SlotKind#GPU}: of all devices together). */
    public int slots(SlotKind kind) {
        return pools.size(kind);
    }

    /** Every pool with its size and busy slots: inference, CPU, then one per GPU. */
    public List<PoolView> pools() {
        return pools.views();
    }

    /** Stops a job this process runs (its client cancelled it); its slot frees when the runner returns. */
    public void stop(String jobId) {
        Future<?> job = running.get(jobId);
        if (job != null) {
            job.cancel(true);
        }
    }

    /**
     * Takes custody of a job just polled (D12): stored in Redis before anything else happens to it, retried while
     * Redis is away. When a slot of its need is free it is stored straight in {@code running} and started, one Redis
     * round trip where {@code ready} then a claim take two (issue 19); otherwise it waits in {@code ready} like any
     * other job. A job Redis already knew is left alone.
     */
    public void takeIn(String jobId, JsonNode payload, JsonNode constraints, Instant deadline)
            throws InterruptedException {
        SlotNeed need = queue.need(payload, constraints);
        Optional<Lease> lease = admission.admitNew(jobId, need);
        if (lease.isEmpty()) {
            Durably.run("polled job " + jobId, () -> queue.enqueue(jobId, payload, constraints, deadline));
            return;
        }
        Optional<Job> job = storeRunning(jobId, payload, constraints, deadline, need);
        if (job.isPresent()) {
            waiting.fire(new JobWaiting(jobId));
            start(jobId, lease.get(), () -> job);
        }
    }

    /** The polled job stored in {@code running}, holding its slot; the slot is freed when it was not stored. */
    private Optional<Job> storeRunning(String jobId, JsonNode payload, JsonNode constraints, Instant deadline,
            SlotNeed need) throws InterruptedException {
        boolean stored = false;
        try {
            Optional<Job> job = Durably.call("polled job " + jobId,
                    () -> queue.enqueueRunning(jobId, payload, constraints, deadline, need));
            stored = job.isPresent();
            return job;
        } finally {
            if (!stored) {
                free(jobId);
            }
        }
    }

    @Incoming(Channels.JOBS_READY)
    void onReady(ReadyJob job) {
        if (running.containsKey(job.jobId())) {
            return;
        }
        waiting.fire(new JobWaiting(job.jobId()));
        admission.offer(job.jobId(), job.need()).ifPresent(lease -> launch(job.jobId(), lease));
    }

    void gpuHealthChanged(@Observes GpuHealthChanged change) {
        if (change.availabilityChanged() && change.status().takesJobs()) {
            admission.reconsider().forEach(next -> launch(next.jobId(), next.lease()));
        }
    }

    private void launch(String jobId, Lease lease) {
        start(jobId, lease, () -> claim(jobId));
    }

    /** Runs the job {@code job} answers (none: nothing to run) on its own virtual thread, then frees its slot. */
    private void start(String jobId, Lease lease, Supplier<Optional<Job>> job) {
        FutureTask<Void> task = new FutureTask<>(() -> {
            try {
                job.get().ifPresent(claimed -> runWith(claimed, lease));
            } finally {
                running.remove(jobId);
                free(jobId);
            }
        }, null);
        running.put(jobId, task);
        jobs.execute(task);
    }

    /** The job's slot is free again: the jobs waiting that find one now are launched. */
    private void free(String jobId) {
        admission.release(jobId).forEach(next -> launch(next.jobId(), next.lease()));
    }

    private Optional<Job> claim(String jobId) {
        try {
            return queue.claim(jobId);
        } catch (QueueUnavailableException e) {
            Log.warnf("Cannot claim job %s: %s", jobId, e.getMessage());
            return Optional.empty();
        }
    }

    private void runWith(Job job, Lease lease) {
        started.fire(new JobStarted(job.id(), lease.kind()));
        try {
            execution.run(job, lease.placement());
        } catch (InterruptedException e) {
            Log.infof("Job %s stopped before its outcome was stored", job.id());
        }
    }

    @PreDestroy
    void stop() {
        jobs.shutdownNow();
    }
}
