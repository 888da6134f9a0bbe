package io.aitbc.miner.poller;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while polling is paused (by an operator or a drain, D26): the node takes no new work. */
@Readiness
@ApplicationScoped
public class PollerReadinessCheck implements HealthCheck {

    private final JobPoller poller;

    PollerReadinessCheck(JobPoller poller) {
        this.poller = poller;
    }

    @Override
    public HealthCheckResponse call() {
        boolean paused = poller.paused();
        return HealthCheckResponse.named("polling").status(!paused)
                .withData("reason", paused ? "polling paused" : "polling").build();
    }
}
