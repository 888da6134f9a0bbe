package io.aitbc.miner.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.JobFinished;
import io.aitbc.miner.job.JobType;
import io.aitbc.miner.telemetry.MeterNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Counts jobs killed as stalled (D44): a stream with no token for {@code MINER_INFERENCE_IDLE_TIMEOUT}, a process with
 * no CPU time for {@code MINER_JOB_STALL_TIMEOUT}; both fail {@code E_TIMEOUT: stalled …}. Every type's series
 * exists from start.
 */
@Startup
@ApplicationScoped
public class StallMetrics {

    static final String PREFIX = ErrorCode.E_TIMEOUT.name() + ": stalled";

    private final MeterRegistry registry;

    StallMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (JobType type : JobType.values()) {
            stalled(type);
        }
    }

    void finished(@Observes JobFinished event) {
        if (event.outcome().errorCode() == ErrorCode.E_TIMEOUT
                && event.outcome().body().path("error_message").asText("").startsWith(PREFIX)) {
            stalled(event.type()).increment();
        }
    }

    private Counter stalled(JobType type) {
        return Counter.builder(MeterNames.JOBS_STALLED).description("Jobs killed as stalled")
                .tag(MeterNames.TYPE, type.label()).register(registry);
    }
}
