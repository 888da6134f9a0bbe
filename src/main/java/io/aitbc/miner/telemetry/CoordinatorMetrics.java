package io.aitbc.miner.telemetry;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.coordinator.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/** Latency of coordinator calls by endpoint and status; the success series of every endpoint exists from start. */
@Startup
@ApplicationScoped
public class CoordinatorMetrics {

    /** The status label of a 2xx answer. */
    public static final String OK = "2xx";
    /** The status label of a call that got no answer (refused, reset, timed out, circuit open). */
    public static final String NO_ANSWER = "none";

    private final MeterRegistry registry;

    CoordinatorMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Endpoint endpoint : Endpoint.values()) {
            timer(endpoint, OK);
        }
    }

    /** Records one call: {@code status} is the HTTP status of a refusal, 0 for no answer; ignored on success. */
    public void record(Endpoint endpoint, boolean succeeded, int status, long nanos) {
        String label = succeeded ? OK : status > 0 ? Integer.toString(status) : NO_ANSWER;
        timer(endpoint, label).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Endpoint endpoint, String status) {
        return Timer.builder(MeterNames.COORDINATOR_REQUEST).description("Coordinator calls by endpoint and status")
                .tag(MeterNames.ENDPOINT, endpoint.label()).tag(MeterNames.STATUS, status)
                .publishPercentileHistogram().register(registry);
    }
}
