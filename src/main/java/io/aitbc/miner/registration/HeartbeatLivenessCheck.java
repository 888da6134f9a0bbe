package io.aitbc.miner.registration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import io.aitbc.miner.telemetry.LoopLiveness;

/** Alive while the heartbeat loop keeps running iterations (D26), whatever the coordinator answers. */
@Liveness
@ApplicationScoped
public class HeartbeatLivenessCheck implements HealthCheck {

    private final Registration registration;
    private final LoopLiveness liveness;

    HeartbeatLivenessCheck(Registration registration, HeartbeatConfig config) {
        this.registration = registration;
        this.liveness = new LoopLiveness("heartbeat-loop", config.interval());
    }

    @Override
    public HealthCheckResponse call() {
        return liveness.check(registration.lastHeartbeatIteration());
    }
}
