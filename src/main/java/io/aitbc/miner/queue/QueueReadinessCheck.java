package io.aitbc.miner.queue;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.aitbc.miner.job.JobState;

/** Ready only while Redis is usable (D26); the data carries the reason and the length of every state. */
@Readiness
@ApplicationScoped
public class QueueReadinessCheck implements HealthCheck {

    private final QueueMonitor monitor;

    QueueReadinessCheck(QueueMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public HealthCheckResponse call() {
        var problem = monitor.problem();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("redis").status(problem.isEmpty())
                .withData("reason", problem.orElse("Redis answers"));
        monitor.counts().ifPresent(counts -> {
            for (JobState state : JobState.values()) {
                response.withData(state.label(), counts.count(state));
            }
        });
        return response.build();
    }
}
