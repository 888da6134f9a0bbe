package io.aitbc.miner.poller;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.coordinator.CoordinatorClient;
import io.aitbc.miner.coordinator.CoordinatorException;
import io.aitbc.miner.coordinator.PolledJob;
import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobIds;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.queue.RetryQueue;
import io.aitbc.miner.scheduler.SlotScheduler;
import io.quarkus.logging.Log;

/**
 * Takes custody of a polled job: the scheduler writes it to Redis before anything else happens to it (D12), straight
 * to {@code running} when a slot is free, retrying while Redis is away so the poll loop stops rather than losing it
 * ({@link SlotScheduler#takeIn}). A job whose id cannot name a Redis key (D5) is failed at once with {@code E_BADJOB}.
 */
@ApplicationScoped
class PolledJobIntake implements JobPoller.Intake {

    private final RetryQueue queue;
    private final SlotScheduler scheduler;
    private final CoordinatorClient coordinator;
    private final Clock clock = Clock.systemUTC();

    PolledJobIntake(RetryQueue queue, SlotScheduler scheduler, CoordinatorClient coordinator) {
        this.queue = queue;
        this.scheduler = scheduler;
        this.coordinator = coordinator;
    }

    int held() {
        return queue.held();
    }

    @Override
    public void accept(PolledJob job) throws InterruptedException {
        if (!JobIds.valid(job.jobId())) {
            refuse(job);
            return;
        }
        scheduler.takeIn(job.jobId(), job.payload(), job.constraints(), clock.instant().plus(Job.DEADLINE_BOUND));
        Log.debugf("Job %s polled and stored", job.jobId());
    }

    private void refuse(PolledJob job) throws InterruptedException {
        Log.warnf("Polled job with an unusable id (%d chars) failed with E_BADJOB", job.jobId().length());
        try {
            coordinator.report(job.jobId(), JobOutcome.failure(ErrorCode.E_BADJOB, "job id is not [A-Za-z0-9_-]{1,64}"));
        } catch (CoordinatorException e) {
            Log.warnf("Failure report for a job with an unusable id did not go through: %s", e.getMessage());
        }
    }
}
