package io.aitbc.miner.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.aitbc.miner.coordinator.CoordinatorClient;
import io.aitbc.miner.coordinator.CoordinatorException;
import io.aitbc.miner.coordinator.ListedJob;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobIds;
import io.aitbc.miner.poller.PollConfig;
import io.aitbc.miner.queue.Custody;
import io.aitbc.miner.queue.HeldJobs;
import io.aitbc.miner.queue.OutboxSuspected;
import io.aitbc.miner.queue.QueueUnavailableException;
import io.aitbc.miner.queue.RetryQueue;
import io.aitbc.miner.queue.StartupRecovery;
import io.aitbc.miner.scheduler.SlotScheduler;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Reconciles the jobs held with the coordinator's RUNNING listing (D6): at start-up, every
 * {@code MINER_RECONCILE_INTERVAL}, {@code MINER_RECONCILE_DELAY} after an ambiguous poll or upload, and again at
 * that delay while something is unsettled. It resends or settles ambiguous uploads, stops cancelled jobs, adopts jobs
 * whose poll answer was lost and takes each job's deadline from {@code expires_at}.
 */
@ApplicationScoped
public class Reconciler {

    private final CoordinatorClient coordinator;
    private final Custody custody;
    private final RetryQueue queue;
    private final SlotScheduler scheduler;
    private final StartupRecovery startup;
    private final Duration delay;
    private final Clock clock = Clock.systemUTC();
    private final Ledger ledger;
    private final ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("reconcile").daemon().factory());

    Reconciler(CoordinatorClient coordinator, Custody custody, RetryQueue queue, SlotScheduler scheduler,
            StartupRecovery startup, ReconcileConfig config, PollConfig poll) {
        this.coordinator = coordinator;
        this.custody = custody;
        this.queue = queue;
        this.scheduler = scheduler;
        this.startup = startup;
        this.delay = config.delay();
        this.ledger = new Ledger(config.delay(), poll.interval(), clock.instant());
    }

    void start(@Observes StartupEvent event) {
        roundIn(Duration.ZERO);
    }

    /** A poll ended without a clear answer: a job it assigned is adopted by the round after the delay. */
    public void ambiguousPoll() {
        roundIn(delay);
    }

    /** Redis restarted and may have lost reports: the outbox entries it held are settled like ambiguous uploads. */
    void outboxSuspected(@Observes OutboxSuspected event) {
        Instant now = clock.instant();
        event.jobIds().forEach(jobId -> ledger.ambiguous(jobId, now));
        roundIn(delay);
    }

    /** An upload ended without a clear answer: the rounds after the delay settle it. */
    public void ambiguousUpload(String jobId) {
        ledger.ambiguous(jobId, clock.instant());
        roundIn(delay);
    }

    @Scheduled(every = "${miner.reconcile.interval}", delayed = "${miner.reconcile.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void regularRound() {
        roundIn(Duration.ZERO);
    }

    private void roundIn(Duration wait) {
        rounds.schedule(this::roundSafely, wait.toMillis() + 50, TimeUnit.MILLISECONDS);
    }

    private void roundSafely() {
        if (!startup.done()) {
            roundIn(Duration.ofSeconds(1));
            return;
        }
        try {
            round();
        } catch (CoordinatorException | QueueUnavailableException e) {
            Log.infof("Reconciliation round void: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (ledger.unsettled()) {
            roundIn(delay);
        }
    }

    private void round() throws InterruptedException {
        HeldJobs held = custody.snapshot();
        Set<String> ambiguous = new HashSet<>();
        for (String jobId : held.outbox()) {
            if (custody.ambiguous(jobId)) {
                ambiguous.add(jobId);
            }
        }
        Instant listingStart = clock.instant();
        Map<String, ListedJob> listed = new LinkedHashMap<>();
        coordinator.runningJobs().forEach(job -> listed.put(job.jobId(), job));
        Ledger.Plan plan = ledger.plan(held, ambiguous, listed, listingStart);
        apply(plan, held, listed);
    }

    private void apply(Ledger.Plan plan, HeldJobs held, Map<String, ListedJob> listed) {
        plan.resend().forEach(jobId -> {
            Log.infof("Job %s is still RUNNING at the coordinator: its report did not land, sending it again", jobId);
            custody.resend(jobId);
        });
        plan.settle().forEach(jobId -> {
            Log.infof("Job %s left the RUNNING listing: its report landed, not sending it again", jobId);
            custody.settleLanded(jobId);
        });
        plan.cancel().forEach(jobId -> {
            if (custody.cancel(jobId)) {
                Log.infof("Job %s was cancelled by its client: stopped, nothing reported", jobId);
                scheduler.stop(jobId);
            }
        });
        plan.unknown().forEach(this::adoptIfUnknown);
        listed.values().stream().filter(job -> held.holds(job.jobId()) && job.expiresAt().isPresent())
                .forEach(job -> custody.updateDeadline(job.jobId(), job.expiresAt().get()));
    }

    private void adoptIfUnknown(ListedJob job) {
        if (!JobIds.valid(job.jobId())) {
            Log.warnf("The coordinator lists a job with an unusable id (%d chars) as ours: not adopted",
                    job.jobId().length());
            return;
        }
        if (custody.known(job.jobId())) {
            return;
        }
        Instant deadline = job.expiresAt().orElse(clock.instant().plus(Job.DEADLINE_BOUND));
        if (queue.enqueue(job.jobId(), job.payload(), JsonNodeFactory.instance.objectNode(), deadline)) {
            Log.infof("Job %s is assigned to this miner but its poll answer never arrived: adopted", job.jobId());
        }
    }

    @PreDestroy
    void stop() {
        rounds.shutdownNow();
    }
}
