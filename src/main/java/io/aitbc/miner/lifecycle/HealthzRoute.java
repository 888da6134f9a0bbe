package io.aitbc.miner.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.ManagementInterface;
import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /healthz} on the management port, which the existing miner's operators probe: the readiness report itself,
 * status and body (D26).
 */
@ApplicationScoped
public class HealthzRoute {

    private final SmallRyeHealthReporter reporter;

    HealthzRoute(SmallRyeHealthReporter reporter) {
        this.reporter = reporter;
    }

    void register(@Observes ManagementInterface management) {
        management.router().get("/healthz").handler(this::answer);
    }

    private void answer(RoutingContext context) {
        context.vertx().<SmallRyeHealth> executeBlocking(reporter::getReadiness, false).onComplete(done -> {
            if (done.failed()) {
                context.fail(done.cause());
                return;
            }
            SmallRyeHealth health = done.result();
            context.response().setStatusCode(health.isDown() ? 503 : 200)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(health.getPayload().toString());
        });
    }
}
