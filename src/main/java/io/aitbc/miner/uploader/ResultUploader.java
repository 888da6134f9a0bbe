package io.aitbc.miner.uploader;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.aitbc.miner.coordinator.AmbiguousOutcomeException;
import io.aitbc.miner.coordinator.CoordinatorAuthException;
import io.aitbc.miner.coordinator.CoordinatorClient;
import io.aitbc.miner.coordinator.CoordinatorException;
import io.aitbc.miner.coordinator.CoordinatorRejectedException;
import io.aitbc.miner.coordinator.RateLimitedException;
import io.aitbc.miner.job.Channels;
import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.poller.JobPoller;
import io.aitbc.miner.queue.Durably;
import io.aitbc.miner.queue.QueueUnavailableException;
import io.aitbc.miner.queue.RetryQueue;
import io.aitbc.miner.reconcile.Reconciler;
import io.aitbc.miner.registration.Registration;
import io.aitbc.miner.telemetry.JobMetrics;
import io.quarkus.logging.Log;

/**
 * Uploads each outcome from the outbox exactly once (D7): 2xx or 404 → done; 429 → again after {@code Retry-After};
 * refused connection or open circuit → again later; 401/403 → kept, readiness down, again slowly; 413/422 → replaced by
 * an {@code E_INTERNAL} failure; 5xx, timeout or reset → ambiguous, never resent blindly (reconciliation settles it).
 * After a {@code /fail} a heartbeat goes out at once, because {@code /fail} leaves the coordinator's inflight as is.
 * Every send of a result carries a TEE quote made just then when the job asks for one ({@link TeeAttachment}, D42).
 */
@ApplicationScoped
public class ResultUploader {

    static final Duration RETRY_DELAY = Duration.ofSeconds(2);
    static final Duration AUTH_RETRY_DELAY = Duration.ofSeconds(30);

    private final RetryQueue queue;
    private final CoordinatorClient coordinator;
    private final Registration registration;
    private final JobPoller poller;
    private final Receipts receipts;
    private final ResultSizeCap cap;
    private final Reconciler reconciler;
    private final JobMetrics metrics;
    private final TeeAttachment tee;
    private final Set<String> uploading = ConcurrentHashMap.newKeySet();
    private final ExecutorService uploads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("upload-", 0).factory());
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("upload-retry").daemon().factory());

    ResultUploader(RetryQueue queue, CoordinatorClient coordinator, Registration registration, JobPoller poller,
            Receipts receipts, ResultSizeCap cap, Reconciler reconciler, JobMetrics metrics, TeeAttachment tee) {
        this.metrics = metrics;
        this.tee = tee;
        this.queue = queue;
        this.coordinator = coordinator;
        this.registration = registration;
        this.poller = poller;
        this.receipts = receipts;
        this.cap = cap;
        this.reconciler = reconciler;
    }

    @Incoming(Channels.JOB_OUTCOMES)
    void onOutcome(String jobId) {
        if (uploading.add(jobId)) {
            uploads.submit(() -> upload(jobId));
        }
    }

    private void upload(String jobId) {
        try {
            Optional<JobOutcome> outcome = queue.pendingOutcome(jobId);
            if (outcome.isPresent()) {
                send(jobId, outcome.get());
            }
        } catch (QueueUnavailableException e) {
            retryLater(jobId, RETRY_DELAY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            uploading.remove(jobId);
        }
    }

    private void send(String jobId, JobOutcome outcome) throws InterruptedException {
        try {
            TeeAttachment.Attested sent = tee.attach(jobId, outcome);
            Optional<String> receipt = coordinator.report(jobId, sent.outcome());
            done(jobId, "reported", receipt);
            tee.settled(jobId, sent, receipt);
            if (outcome.report() == JobOutcome.Report.FAIL) {
                heartbeatQuietly();
            }
        } catch (RateLimitedException e) {
            retryLater(jobId, e.retryAfter());
        } catch (AmbiguousOutcomeException e) {
            Log.warnf("Upload of job %s may have landed (%s): kept for reconciliation, not resent", jobId, e.getMessage());
            Durably.run("the ambiguous upload of job " + jobId, () -> queue.markAmbiguous(jobId));
            reconciler.ambiguousUpload(jobId);
        } catch (CoordinatorRejectedException e) {
            rejected(jobId, outcome, e);
        } catch (CoordinatorAuthException e) {
            registration.authFailed(e);
            retryLater(jobId, AUTH_RETRY_DELAY);
        } catch (CoordinatorException e) {
            Log.infof("Upload of job %s not sent (%s): trying again", jobId, e.getMessage());
            retryLater(jobId, RETRY_DELAY);
        }
    }

    private void rejected(String jobId, JobOutcome outcome, CoordinatorRejectedException e) throws InterruptedException {
        if (e.notFound()) {
            Log.infof("Coordinator does not know job %s any more: done without a report", jobId);
            done(jobId, "job_not_found", Optional.empty());
        } else if (outcome.report() == JobOutcome.Report.RESULT && (e.tooLarge() || e.invalid())) {
            JobOutcome replacement = e.tooLarge() ? cap.shrink(outcome)
                    : JobOutcome.failure(ErrorCode.E_INTERNAL, "coordinator rejected result: " + e.getMessage());
            Log.warnf("Coordinator refused the result of job %s (%d): sending %s instead", jobId, e.status(),
                    replacement.errorCode() == null ? "a smaller result" : replacement.errorCode());
            Durably.run("the replacement outcome of job " + jobId, () -> queue.replaceOutcome(jobId, replacement));
            retryLater(jobId, Duration.ZERO);
        } else {
            Log.errorf("Coordinator refused the report of job %s (%d): moved to dead for an operator", jobId, e.status());
            Durably.run("the refused upload of job " + jobId, () -> queue.bury(jobId, e.getMessage()));
        }
    }

    private void done(String jobId, String reason, Optional<String> receipt) throws InterruptedException {
        var stored = receipt.flatMap(receipts::store);
        Durably.run("the report of job " + jobId, () -> queue.markReported(jobId, reason, stored));
        poller.wake();
    }

    private void heartbeatQuietly() throws InterruptedException {
        try {
            registration.heartbeatNow();
        } catch (CoordinatorException e) {
            Log.debugf("Heartbeat after /fail failed: %s", e.getMessage());
        }
    }

    private void retryLater(String jobId, Duration delay) {
        metrics.uploadRetry();
        retries.schedule(() -> onOutcome(jobId), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        retries.shutdownNow();
        uploads.shutdownNow();
    }
}
