package io.aitbc.miner.probe;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Startup;

/** Started once the hardware is probed (D26); the data says what was found, or why GPUs are missing. */
@Startup
@ApplicationScoped
public class HardwareStartupCheck implements HealthCheck {

    private final HardwareProbe probe;

    HardwareStartupCheck(HardwareProbe probe) {
        this.probe = probe;
    }

    @Override
    public HealthCheckResponse call() {
        if (!probe.isProbed()) {
            return HealthCheckResponse.named("hardware").down().withData("reason", "probing hardware").build();
        }
        HardwareInventory inventory = probe.inventory();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("hardware").up()
                .withData("reason", "probed").withData("cpu_cores", inventory.cpuCores())
                .withData("gpus", inventory.gpus().size()).withData("cuda", inventory.cuda().orElse("none"));
        probe.gpuProblem().ifPresent(problem -> response.withData("gpu_problem", problem));
        return response.build();
    }
}
