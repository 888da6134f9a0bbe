package io.aitbc.miner.poolhub;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.HealthGroup;

/**
 * The pool hub's own check, in the {@code presence} group ({@code /q/health/group/presence}), never in readiness or
 * liveness (D43): up when the pool hub is off or accepts heartbeats.
 */
@HealthGroup("presence")
@ApplicationScoped
public class PoolHubHealthCheck implements HealthCheck {

    private final PoolHub poolHub;

    PoolHubHealthCheck(PoolHub poolHub) {
        this.poolHub = poolHub;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("pool-hub").status(!poolHub.configured() || poolHub.healthy())
                .withData("state", poolHub.state()).withData("last_accepted", poolHub.lastAccepted().toString())
                .build();
    }
}
