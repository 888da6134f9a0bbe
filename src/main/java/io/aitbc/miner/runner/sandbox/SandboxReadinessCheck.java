package io.aitbc.miner.runner.sandbox;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Shows which sandbox facilities this node has (D15) in readiness data; informative, always UP. */
@Readiness
@ApplicationScoped
public class SandboxReadinessCheck implements HealthCheck {

    private final Sandbox sandbox;

    SandboxReadinessCheck(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("sandbox").up().withData("reason", "facilities found at start-up")
                .withData("facilities", sandbox.facilities().toJson().toString()).build();
    }
}
