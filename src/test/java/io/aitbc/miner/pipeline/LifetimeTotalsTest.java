package io.aitbc.miner.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.aitbc.miner.queue.LifetimeTotals;
import io.aitbc.miner.queue.RetryQueue;
import io.aitbc.miner.queue.Totals;
import io.aitbc.miner.queue.Totals.JobTally;
import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.SimJob;
import io.aitbc.miner.sim.SimJobState;
import io.aitbc.miner.sim.SimReport;
import io.aitbc.miner.telemetry.MeterNames;
import io.aitbc.miner.testing.TestInfra;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * The lasting totals (D45) grow by exactly what the simulator saw: jobs by outcome, billed milliseconds and earnings
 * from the receipts, and the Prometheus counters read them.
 */
@QuarkusTest
@WithTestResource(value = TestInfra.class, scope = TestResourceScope.GLOBAL)
class LifetimeTotalsTest {

    private static final JobTally INFERENCE_RESULT = new JobTally("inference", "result", "none");
    private static final JobTally BADJOB = new JobTally("inference", "fail", "E_BADJOB");

    private final CoordinatorSimulator sim = TestInfra.simulator();

    @Inject
    LifetimeTotals totals;

    @Inject
    RetryQueue queue;

    @Inject
    MeterRegistry registry;

    @Test
    void totalsGrowByWhatTheCoordinatorSawAndTheCountersShowThem() {
        await().atMost(Duration.ofSeconds(30)).until(() -> queue.counts().inflight() == 0);
        Totals before = totals.read();

        List<String> ids = IntStream.range(0, 8)
                .mapToObj(i -> sim.submit(new JsonObject().put("type", "inference").put("model", TestInfra.MODEL)
                        .put("prompt", "count " + i)))
                .toList();
        String bad = sim.submit(new JsonObject().put("type", "inference").put("model", TestInfra.MODEL));
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(this::completed)
                && sim.job(bad).map(j -> j.state() == SimJobState.FAILED).orElse(false));
        await().atMost(Duration.ofSeconds(30)).until(() -> queue.counts().inflight() == 0);
        Totals after = totals.read();

        List<SimReport> receipts = ids.stream().map(id -> sim.job(id).orElseThrow().reports().get(0)).toList();
        long billedMs = receipts.stream()
                .mapToLong(r -> Math.round(r.receipt().path("units").asDouble() * 1000)).sum();
        long earnedMicro = receipts.stream().mapToLong(r -> micro(r.receipt().path("price").decimalValue())).sum();
        assertThat(delta(after.jobs().get(INFERENCE_RESULT), before.jobs().get(INFERENCE_RESULT))).isEqualTo(8);
        assertThat(delta(after.jobs().get(BADJOB), before.jobs().get(BADJOB))).isEqualTo(1);
        assertThat(delta(after.billedMs().get("gpu_seconds"), before.billedMs().get("gpu_seconds")))
                .isEqualTo(billedMs);
        assertThat(delta(after.earningsMicro().get("gpu_seconds"), before.earningsMicro().get("gpu_seconds")))
                .isEqualTo(earnedMicro).isPositive();
        assertThat(delta(after.receipts().get("true"), before.receipts().get("true"))).isEqualTo(8);

        assertThat(registry.get(MeterNames.LIFETIME_JOBS).tag(MeterNames.TYPE, "inference")
                .tag(MeterNames.OUTCOME, "result").tag(MeterNames.ERROR_CODE, "none").functionCounter().count())
                .isEqualTo(after.jobs().get(INFERENCE_RESULT).doubleValue());
        assertThat(registry.get(MeterNames.LIFETIME_EARNINGS).tag(MeterNames.UNIT_TYPE, "gpu_seconds")
                .functionCounter().count()).isEqualTo(after.earningsMicro().get("gpu_seconds") / 1_000_000.0);
        assertThat(totals.hours(2)).hasSize(2).last()
                .satisfies(hour -> assertThat(hour.jobs().get("result")).isGreaterThanOrEqualTo(8));
    }

    private boolean completed(String id) {
        return sim.job(id).map(SimJob::state).orElse(null) == SimJobState.COMPLETED;
    }

    private static long delta(Long after, Long before) {
        return (after == null ? 0 : after) - (before == null ? 0 : before);
    }

    private static long micro(BigDecimal price) {
        return price.setScale(6, RoundingMode.HALF_EVEN).movePointRight(6).longValue();
    }
}
