package io.aitbc.miner.poller;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import io.aitbc.miner.telemetry.LoopLiveness;

/** Alive while the poll loop keeps running iterations (D26), including those that chose not to poll. */
@Liveness
@ApplicationScoped
public class PollLoopLivenessCheck implements HealthCheck {

    private final JobPoller poller;
    private final LoopLiveness liveness;

    PollLoopLivenessCheck(JobPoller poller, PollConfig config) {
        this.poller = poller;
        this.liveness = new LoopLiveness("poll-loop", config.interval());
    }

    @Override
    public HealthCheckResponse call() {
        return liveness.check(poller.lastIteration());
    }
}
