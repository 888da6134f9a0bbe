package io.aitbc.miner.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.aitbc.miner.job.JobState;
import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.queue.QueueCounts;
import io.aitbc.miner.queue.QueueMonitor;
import io.aitbc.miner.registration.Registration;
import io.aitbc.miner.scheduler.SlotScheduler;
import io.aitbc.miner.telemetry.MeterNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Gauges bound to read-only views of state the agent already keeps in memory, so a scrape never waits on Redis or the
 * coordinator: busy slots per pool, jobs per Redis state (as {@link QueueMonitor} last read them), heartbeat age.
 */
@Startup
@ApplicationScoped
public class AgentGauges {

    private final ToIntFunction<SlotKind> busy;
    private final Supplier<Optional<QueueCounts>> counts;
    private final Supplier<Instant> lastHeartbeat;
    private final Clock clock;
    private final Instant started;

    @Inject
    AgentGauges(MeterRegistry registry, SlotScheduler scheduler, QueueMonitor queue, Registration registration) {
        this(registry, scheduler::busy, queue::counts, registration::lastHeartbeat, Clock.systemUTC());
    }

    AgentGauges(MeterRegistry registry, ToIntFunction<SlotKind> busy, Supplier<Optional<QueueCounts>> counts,
            Supplier<Instant> lastHeartbeat, Clock clock) {
        this.busy = busy;
        this.counts = counts;
        this.lastHeartbeat = lastHeartbeat;
        this.clock = clock;
        this.started = clock.instant();
        for (SlotKind kind : SlotKind.values()) {
            Gauge.builder(MeterNames.JOBS_RUNNING, this, g -> g.busy.applyAsInt(kind)).description("Jobs on a slot now")
                    .tag(MeterNames.SLOT, kind.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        for (JobState state : JobState.values()) {
            Gauge.builder(MeterNames.QUEUE_JOBS, this, g -> g.queued(state)).description("Jobs in each Redis state")
                    .tag(MeterNames.STATE, state.label()).register(registry);
        }
        Gauge.builder(MeterNames.HEARTBEAT_AGE, this, AgentGauges::heartbeatAgeSeconds).baseUnit("seconds")
                .description("Time since the coordinator last accepted a heartbeat (since start when none yet)")
                .register(registry);
    }

    private double queued(JobState state) {
        return counts.get().map(c -> (double) c.count(state)).orElse(0.0);
    }

    private double heartbeatAgeSeconds() {
        Instant last = lastHeartbeat.get().isAfter(started) ? lastHeartbeat.get() : started;
        return Duration.between(last, clock.instant()).toMillis() / 1000.0;
    }
}
