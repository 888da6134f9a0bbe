package io.aitbc.miner.allowlist;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports allowlist problems (file and line) in readiness data. Always UP (D26): a broken file is ignored while the
 * others apply, and inference jobs need no allowlist.
 */
@Readiness
@ApplicationScoped
public class AllowlistReadinessCheck implements HealthCheck {

    private final AllowlistRegistry registry;

    AllowlistReadinessCheck(AllowlistRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        List<AllowlistProblem> problems = registry.problems();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("allowlist").up()
                .withData("reason", problems.isEmpty() ? "allowlist files read" : problems.size() + " problem(s)");
        for (int i = 0; i < problems.size(); i++) {
            response.withData("problem." + (i + 1), problems.get(i).toString());
        }
        return response.build();
    }
}
