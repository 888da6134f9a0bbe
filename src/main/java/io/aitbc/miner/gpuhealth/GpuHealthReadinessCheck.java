package io.aitbc.miner.gpuhealth;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Each GPU's health in readiness data (D44): {@code gpu.<index>} is {@code <state> since <time>: <reason>}.
 * Informative, always UP: a sick GPU takes its own slots out, the node stays ready for the rest.
 */
@Readiness
@ApplicationScoped
public class GpuHealthReadinessCheck implements HealthCheck {

    private final GpuHealth health;

    GpuHealthReadinessCheck(GpuHealth health) {
        this.health = health;
    }

    @Override
    public HealthCheckResponse call() {
        var statuses = health.statuses();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("gpu-health").up().withData("reason",
                statuses.isEmpty() ? "no GPUs watched"
                        : statuses.stream().filter(GpuStatus::takesJobs).count() + " of " + statuses.size()
                                + " GPUs take jobs");
        for (GpuStatus status : statuses) {
            response.withData("gpu." + status.device().index(), status.device().uuid() + " " + status.state().label()
                    + " since " + status.since() + ": " + status.reason()
                    + status.foreign().map(f -> "; no jobs: " + f).orElse(""));
        }
        health.problem().ifPresent(problem -> response.withData("problem", problem));
        return response.build();
    }
}
