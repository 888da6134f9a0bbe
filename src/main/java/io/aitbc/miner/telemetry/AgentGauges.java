package io.aitbc.miner.telemetry;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.job.JobState;
import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.queue.QueueMonitor;
import io.aitbc.miner.registration.Registration;
import io.aitbc.miner.scheduler.SlotScheduler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Gauges read from state the agent already keeps in memory, so a scrape never waits on Redis or the coordinator: jobs
 * running per slot pool, jobs per Redis state (as {@link QueueMonitor} last read them), heartbeat age.
 */
@Startup
@ApplicationScoped
public class AgentGauges {

    private final SlotScheduler scheduler;
    private final QueueMonitor queue;
    private final Registration registration;
    private final Instant started = Instant.now();

    AgentGauges(MeterRegistry registry, SlotScheduler scheduler, QueueMonitor queue, Registration registration) {
        this.scheduler = scheduler;
        this.queue = queue;
        this.registration = registration;
        for (SlotKind kind : SlotKind.values()) {
            Gauge.builder(MeterNames.JOBS_RUNNING, this, g -> g.running(kind)).description("Jobs on a slot now")
                    .tag(MeterNames.SLOT, kind.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
        }
        for (JobState state : JobState.values()) {
            Gauge.builder(MeterNames.QUEUE_JOBS, this, g -> g.queued(state)).description("Jobs in each Redis state")
                    .tag(MeterNames.STATE, state.label()).register(registry);
        }
        Gauge.builder(MeterNames.HEARTBEAT_AGE, this, AgentGauges::heartbeatAgeSeconds).baseUnit("seconds")
                .description("Time since the coordinator last accepted a heartbeat (since start when none yet)")
                .register(registry);
    }

    /** Only the inference pool exists so far; the GPU and CPU pools of D13 read 0 until they do. */
    private double running(SlotKind kind) {
        return kind == SlotKind.INFERENCE ? scheduler.busySlots() : 0;
    }

    private double queued(JobState state) {
        return queue.counts().map(c -> (double) c.count(state)).orElse(0.0);
    }

    private double heartbeatAgeSeconds() {
        Instant last = registration.lastHeartbeat().isAfter(started) ? registration.lastHeartbeat() : started;
        return Duration.between(last, Instant.now()).toMillis() / 1000.0;
    }
}
