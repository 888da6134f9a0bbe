package io.aitbc.miner.offers;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.HealthGroup;

/**
 * The offers' own check, in the {@code presence} group ({@code /q/health/group/presence}), never in readiness (D43):
 * up unless the marketplace refused or could not be reached for an offer; each offer's state is in its data.
 */
@HealthGroup("presence")
@ApplicationScoped
public class OffersHealthCheck implements HealthCheck {

    private final OfferPublisher publisher;

    OffersHealthCheck(OfferPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("offers").withData("configured",
                publisher.configured());
        publisher.states().forEach(response::withData);
        return response.status(publisher.states().values().stream().noneMatch(s -> s.startsWith("marketplace")))
                .build();
    }
}
