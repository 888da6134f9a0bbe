package io.aitbc.miner.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.aitbc.miner.job.JobState;
import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.queue.QueueCounts;
import io.aitbc.miner.testing.ManualClock;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

/** The gauges read their views: one busy-slot series per pool, one queue series per Redis state, heartbeat age. */
class AgentGaugesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<SlotKind, Integer> busy = new EnumMap<>(SlotKind.class);
    private final ManualClock clock = new ManualClock(NOW);

    @Test
    void eachPoolReportsItsOwnBusySlots() {
        busy.putAll(Map.of(SlotKind.INFERENCE, 1, SlotKind.GPU, 2, SlotKind.CPU, 3));
        new AgentGauges(registry, busy::get, Optional::empty, () -> Instant.EPOCH, clock);

        assertThat(registry.scrape()).contains("miner_jobs_running{slot=\"inference\",} 1.0")
                .contains("miner_jobs_running{slot=\"gpu\",} 2.0").contains("miner_jobs_running{slot=\"cpu\",} 3.0");
    }

    @Test
    void queueStatesAndHeartbeatAgeComeFromTheirViews() {
        busy.putAll(Map.of(SlotKind.INFERENCE, 0, SlotKind.GPU, 0, SlotKind.CPU, 0));
        QueueCounts counts = new QueueCounts(Map.of(JobState.READY, 4L, JobState.DEAD, 1L));
        new AgentGauges(registry, busy::get, () -> Optional.of(counts), () -> NOW.plusSeconds(1), clock);
        clock.advance(Duration.ofSeconds(4));

        assertThat(registry.scrape()).contains("miner_queue_jobs{state=\"ready\",} 4.0")
                .contains("miner_queue_jobs{state=\"dead\",} 1.0").contains("miner_queue_jobs{state=\"outbox\",} 0.0")
                .contains("miner_heartbeat_age_seconds 3.0");
    }
}
