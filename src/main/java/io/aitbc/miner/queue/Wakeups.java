package io.aitbc.miner.queue;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.aitbc.miner.job.Channels;
import io.aitbc.miner.job.ReadyJob;
import io.aitbc.miner.job.SlotNeed;
import io.quarkus.logging.Log;

/**
 * The queue's two emitters. A wake-up is sent only after Redis acknowledged the transition it announces (D12); a lost
 * one costs a sweep. A ready job's wake-up carries its slot need: known at enqueue, else read from the job's hash.
 */
@ApplicationScoped
class Wakeups {

    private final Emitter<ReadyJob> ready;
    private final Emitter<String> outcomes;
    private final StoredNeeds needs;

    Wakeups(@Channel(Channels.JOBS_READY) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) Emitter<ReadyJob> ready,
            @Channel(Channels.JOB_OUTCOMES) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) Emitter<String> outcomes,
            StoredNeeds needs) {
        this.ready = ready;
        this.outcomes = outcomes;
        this.needs = needs;
    }

    /** A job that just entered {@code ready} with this need (no read). */
    void ready(String jobId, SlotNeed need) {
        send(ready, new ReadyJob(jobId, need), jobId);
    }

    /** A job that entered {@code ready} again (promoted, requeued, revived, swept): its stored need is read. */
    void ready(String jobId) {
        try {
            needs.ofReady(jobId).ifPresent(need -> ready(jobId, need));
        } catch (QueueUnavailableException e) {
            Log.debugf("Wake-up for %s not sent (%s); the next sweep sends it", jobId, e.getMessage());
        }
    }

    void outcome(String jobId) {
        send(outcomes, jobId, jobId);
    }

    private static <T> void send(Emitter<T> channel, T wakeUp, String jobId) {
        try {
            channel.send(wakeUp);
        } catch (RuntimeException e) {
            Log.debugf("Wake-up for %s not delivered (%s); the next sweep delivers it", jobId, e.getMessage());
        }
    }
}
