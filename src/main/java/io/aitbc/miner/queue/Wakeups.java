package io.aitbc.miner.queue;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.aitbc.miner.job.Channels;
import io.quarkus.logging.Log;

/**
 * The queue's two emitters. A wake-up is sent only after Redis acknowledged the transition it announces (D12); a lost
 * one costs a sweep.
 */
@ApplicationScoped
class Wakeups {

    private final Emitter<String> ready;
    private final Emitter<String> outcomes;

    Wakeups(@Channel(Channels.JOBS_READY) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) Emitter<String> ready,
            @Channel(Channels.JOB_OUTCOMES) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) Emitter<String> outcomes) {
        this.ready = ready;
        this.outcomes = outcomes;
    }

    void ready(String jobId) {
        send(ready, jobId);
    }

    void outcome(String jobId) {
        send(outcomes, jobId);
    }

    private static void send(Emitter<String> channel, String jobId) {
        try {
            channel.send(jobId);
        } catch (RuntimeException e) {
            Log.debugf("Wake-up for %s not delivered (%s); the next sweep delivers it", jobId, e.getMessage());
        }
    }
}
