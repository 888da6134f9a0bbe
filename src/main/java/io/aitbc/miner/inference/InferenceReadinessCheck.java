package io.aitbc.miner.inference;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The deep probe's findings per backend in readiness data (decisions D41): what the last one-token generation did,
 * failures in a row, whether the backend's models are withdrawn, and which models are loaded (warm). Always UP: a
 * node whose inference server hangs still runs its other jobs, and only the capability document changes.
 */
@Readiness
@ApplicationScoped
public class InferenceReadinessCheck implements HealthCheck {

    private final InferenceBackends backends;
    private final BackendHealth health;

    InferenceReadinessCheck(InferenceBackends backends, BackendHealth health) {
        this.backends = backends;
        this.health = health;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("inference").up();
        for (InferenceBackend backend : backends.active()) {
            BackendStatus status = health.status(backend.kind());
            String key = backend.kind().label();
            response.withData(key, status.last().orElse("not probed yet"))
                    .withData(key + ".failures_in_a_row", status.failuresInARow())
                    .withData(key + ".models_offered", !status.down())
                    .withData(key + ".warm", String.join(", ", status.loaded()));
            status.probedAt().ifPresent(at -> response.withData(key + ".probed_at", at.toString()));
        }
        return response.build();
    }
}
