package io.aitbc.miner.uploader;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.aitbc.miner.coordinator.CoordinatorClient;
import io.aitbc.miner.coordinator.CoordinatorException;
import io.aitbc.miner.job.Channels;
import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.JobReported;
import io.aitbc.miner.job.UploadAmbiguous;
import io.aitbc.miner.job.UploadRetried;
import io.aitbc.miner.queue.Durably;
import io.aitbc.miner.queue.QueueUnavailableException;
import io.aitbc.miner.queue.RetryQueue;
import io.aitbc.miner.result.ResultSizeCap;
import io.quarkus.logging.Log;

/**
 * Uploads each outcome from the outbox exactly once, carrying out the {@link UploadDecision} for every answer that is
 * not a 2xx (D7). It publishes what happened: {@link JobReported} once an entry is settled (the poller polls again;
 * registration heartbeats after a {@code /fail}), {@link UploadAmbiguous} for an upload that may have landed
 * (reconciliation settles it), {@link UploadRetried} whenever an upload is scheduled again. Every "again" is the
 * queue's: the entry keeps its next upload time in Redis and the queue's clock wakes it then. Every send of a result
 * carries a TEE quote made just then when the job asks for one ({@link TeeAttachment}, D42).
 */
@ApplicationScoped
public class ResultUploader {

    private final RetryQueue queue;
    private final CoordinatorClient coordinator;
    private final Receipts receipts;
    private final ResultSizeCap cap;
    private final Event<JobReported> reported;
    private final Event<UploadAmbiguous> ambiguous;
    private final Event<UploadRetried> retried;
    private final TeeAttachment tee;
    /** The jobs being uploaded; {@code true} when a wake-up came meanwhile, so the upload runs once more. */
    private final Map<String, Boolean> uploading = new ConcurrentHashMap<>();
    private final ExecutorService uploads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("upload-", 0).factory());

    ResultUploader(RetryQueue queue, CoordinatorClient coordinator, Receipts receipts, ResultSizeCap cap,
            Event<JobReported> reported, Event<UploadAmbiguous> ambiguous, Event<UploadRetried> retried,
            TeeAttachment tee) {
        this.tee = tee;
        this.queue = queue;
        this.coordinator = coordinator;
        this.receipts = receipts;
        this.cap = cap;
        this.reported = reported;
        this.ambiguous = ambiguous;
        this.retried = retried;
    }

    @Incoming(Channels.JOB_OUTCOMES)
    void onOutcome(String jobId) {
        if (!uploading.merge(jobId, Boolean.FALSE, (running, woken) -> Boolean.TRUE)) {
            uploads.submit(() -> upload(jobId));
        }
    }

    private void upload(String jobId) {
        try {
            Optional<JobOutcome> outcome = pending(jobId);
            if (outcome.isPresent()) {
                send(jobId, outcome.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!uploading.remove(jobId, Boolean.FALSE) && uploading.replace(jobId, Boolean.TRUE, Boolean.FALSE)) {
                uploads.submit(() -> upload(jobId));
            }
        }
    }

    /** The outcome to send now; none when it is not due or gone, or Redis is away (then again after a pause). */
    private Optional<JobOutcome> pending(String jobId) throws InterruptedException {
        try {
            return queue.pendingOutcome(jobId);
        } catch (QueueUnavailableException e) {
            retryLater(jobId, UploadDecision.RETRY_DELAY);
            return Optional.empty();
        }
    }

    private void send(String jobId, JobOutcome outcome) throws InterruptedException {
        Optional<String> receipt;
        TeeAttachment.Attested sent = tee.attach(jobId, outcome);
        try {
            receipt = coordinator.report(jobId, sent.outcome());
        } catch (CoordinatorException e) {
            carryOut(UploadDecision.after(outcome.report(), e), jobId, outcome, e);
            return;
        }
        done(jobId, outcome.report(), JobReported.REPORTED, receipt);
        tee.settled(jobId, sent, receipt);
    }

    private void carryOut(UploadDecision decision, String jobId, JobOutcome outcome, CoordinatorException e)
            throws InterruptedException {
        switch (decision.action()) {
            case RATE_LIMITED, KEY_REFUSED -> retryLater(jobId, decision.delay());
            case UNSENT -> {
                Log.infof("Upload of job %s not sent (%s): trying again", jobId, e.getMessage());
                retryLater(jobId, decision.delay());
            }
            case AMBIGUOUS -> {
                Log.warnf("Upload of job %s may have landed (%s): kept for reconciliation, not resent", jobId,
                        e.getMessage());
                Durably.run("the ambiguous upload of job " + jobId, () -> queue.markAmbiguous(jobId));
                ambiguous.fire(new UploadAmbiguous(jobId));
            }
            case NOT_FOUND -> {
                Log.infof("Coordinator does not know job %s any more: done without a report", jobId);
                done(jobId, outcome.report(), JobReported.JOB_NOT_FOUND, Optional.empty());
            }
            case SHRINK -> replace(jobId, cap.shrink(outcome), e);
            case FAIL_INSTEAD -> replace(jobId,
                    JobOutcome.failure(ErrorCode.E_INTERNAL, "coordinator rejected result: " + e.getMessage()), e);
            case BURY -> {
                Log.errorf("Coordinator refused the report of job %s (%d): moved to dead for an operator", jobId,
                        e.status());
                Durably.run("the refused upload of job " + jobId, () -> queue.bury(jobId, e.getMessage()));
            }
        }
    }

    private void replace(String jobId, JobOutcome replacement, CoordinatorException e) throws InterruptedException {
        Log.warnf("Coordinator refused the result of job %s (%d): sending %s instead", jobId, e.status(),
                replacement.errorCode() == null ? "a smaller result" : replacement.errorCode());
        Durably.run("the replacement outcome of job " + jobId, () -> queue.replaceOutcome(jobId, replacement));
        retryLater(jobId, Duration.ZERO);
    }

    private void done(String jobId, JobOutcome.Report report, String reason, Optional<String> receipt)
            throws InterruptedException {
        var stored = receipt.flatMap(receipts::store);
        Durably.run("the report of job " + jobId, () -> queue.markReported(jobId, reason, stored));
        reported.fire(new JobReported(jobId, report, reason));
    }

    /** Uploads the entry again no sooner than {@code delay} from now: the queue keeps the time and wakes it then. */
    private void retryLater(String jobId, Duration delay) throws InterruptedException {
        retried.fire(new UploadRetried(jobId, delay));
        Durably.run("the next upload of job " + jobId, () -> queue.retryUpload(jobId, delay));
    }

    @PreDestroy
    void stop() {
        uploads.shutdownNow();
    }
}
