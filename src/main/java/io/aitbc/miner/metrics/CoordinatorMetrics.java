package io.aitbc.miner.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.aitbc.miner.coordinator.Endpoint;
import io.aitbc.miner.job.CoordinatorCallAnswered;
import io.aitbc.miner.telemetry.MeterNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/**
 * Latency of coordinator calls by endpoint and status, from the {@link CoordinatorCallAnswered} events the coordinator
 * client fires; the success series of every endpoint exists from start.
 */
@Startup
@ApplicationScoped
public class CoordinatorMetrics {

    private final MeterRegistry registry;
    /** The timers by endpoint and status, looked up once each rather than built again for every call. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    CoordinatorMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Endpoint endpoint : Endpoint.values()) {
            timer(endpoint.label(), CoordinatorCallAnswered.OK);
        }
    }

    void answered(@Observes CoordinatorCallAnswered call) {
        timer(call.endpoint(), call.outcome()).record(call.took());
    }

    private Timer timer(String endpoint, String status) {
        return timers.computeIfAbsent(endpoint + ' ' + status,
                key -> Timer.builder(MeterNames.COORDINATOR_REQUEST).description("Coordinator calls by endpoint and status")
                        .tag(MeterNames.ENDPOINT, endpoint).tag(MeterNames.STATUS, status).publishPercentileHistogram()
                        .register(registry));
    }
}
