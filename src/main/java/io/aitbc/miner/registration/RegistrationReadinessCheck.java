package io.aitbc.miner.registration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the coordinator accepted the registration, and while no 401/403 is outstanding (D7, D26). It reads what
 * the heartbeat loop last learned; it never calls the coordinator itself.
 */
@Readiness
@ApplicationScoped
public class RegistrationReadinessCheck implements HealthCheck {

    private final Registration registration;

    RegistrationReadinessCheck(Registration registration) {
        this.registration = registration;
    }

    @Override
    public HealthCheckResponse call() {
        boolean registered = registration.registered();
        var problem = registration.problem();
        return HealthCheckResponse.named("coordinator").status(registered && problem.isEmpty())
                .withData("reason", problem.orElse(registered ? "registered" : "not registered yet"))
                .withData("registered", registered)
                .withData("last_heartbeat", registration.lastHeartbeat().toString()).build();
    }
}
