package io.aitbc.miner.lifecycle;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while draining (D25, D26), so a load balancer or an operator sees the node leaving. */
@Readiness
@ApplicationScoped
public class DrainReadinessCheck implements HealthCheck {

    private final Drain drain;

    DrainReadinessCheck(Drain drain) {
        this.drain = drain;
    }

    @Override
    public HealthCheckResponse call() {
        var origin = drain.origin();
        return HealthCheckResponse.named("drain").status(origin.isEmpty())
                .withData("reason", origin.map(o -> "draining (" + o.name().toLowerCase(Locale.ROOT) + ")")
                        .orElse("not draining"))
                .build();
    }
}
