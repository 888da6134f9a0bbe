package io.aitbc.miner.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.scheduler.SlotScheduler;
import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.SimJobState;
import io.aitbc.miner.sim.SimMiner;
import io.aitbc.miner.testing.PresenceInfra;
import io.aitbc.miner.testing.PresenceProfile;
import io.aitbc.miner.testing.TestInfra;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * The production miner's capability and metric fields (aitbc-peer-features.md §6) as the coordinator simulator keeps
 * them, on a node with one (fake) RTX 4090 whose usage figures the test sets.
 */
@QuarkusTest
@TestProfile(PresenceProfile.class)
@WithTestResource(value = TestInfra.class, scope = TestResourceScope.GLOBAL)
class CapabilityParityTest {

    private final CoordinatorSimulator sim = TestInfra.simulator();

    @Inject
    SlotScheduler scheduler;

    @Test
    void eachGpuCarriesTheProductionMinersClassFromItsComputeCapability() {
        JsonNode capabilities = miner().capabilities();
        JsonNode gpu = capabilities.get("gpus").get(0);

        assertThat(gpu.get("architecture").asText()).isEqualTo("ada_lovelace");
        assertThat(gpu.get("compute_cap").asText()).isEqualTo("8.9");
        assertThat(gpu.get("consumer_grade").asBoolean()).isTrue();
        assertThat(gpu.get("edge_optimized").asBoolean()).isTrue();
        assertThat(capabilities.get("platform").asText()).isEqualTo("CUDA");
        assertThat(capabilities.get("max_concurrent_jobs").asInt()).isEqualTo(scheduler.totalSlots());
        assertThat(capabilities.get("consumer_grade").asBoolean()).isTrue();
        assertThat(capabilities.get("edge_optimized").asBoolean()).isTrue();
    }

    @Test
    void heartbeatsPutGpuUseInTheMetadataTheCoordinatorKeeps() throws Exception {
        PresenceInfra.nvidiaSmi().usage(PresenceInfra.GPU + ", 41, 7000\n");

        await().atMost(Duration.ofSeconds(30)).until(() -> miner().extraMetadata() != null
                && miner().extraMetadata().path("memory_used").asLong() == 7000);

        JsonNode kept = miner().extraMetadata();
        assertThat(kept.get("gpu_utilization").asInt()).isEqualTo(41);
        assertThat(kept.get("memory_total").asLong()).isEqualTo(24564);
        assertThat(kept.get("gpus").get(0).get("uuid").asText()).isEqualTo(PresenceInfra.GPU);
        assertThat(kept.get("architecture").asText()).isEqualTo("ada_lovelace");
        assertThat(kept.get("edge_optimized").asBoolean()).isTrue();
        assertThat(kept.get("network_latency_ms").isNumber()).as("the measured round trip, never -1").isTrue();
        assertThat(kept.get("network_latency_ms").asDouble()).isNotNegative();
    }

    @Test
    void aGpuJobReportsItsSampledPeakAndACpuJobNoGpuFigures() throws Exception {
        PresenceInfra.nvidiaSmi().usage(PresenceInfra.GPU + ", 20, 1000\n");
        String gpuJob = sim.submit(new JsonObject().put("type", "python").put("module", "aitbc_test.timed")
                .put("args", new JsonObject().put("seconds", 1.5)));
        await().atMost(Duration.ofSeconds(20)).until(() -> sim.job(gpuJob).map(j -> j.state() == SimJobState.RUNNING)
                .orElse(false));
        PresenceInfra.nvidiaSmi().usage(PresenceInfra.GPU + ", 90, 9000\n");
        String cpuJob = sim.submit(new JsonObject().put("type", "python").put("module", "aitbc_test.timed_cpu")
                .put("args", new JsonObject().put("seconds", 0.2)));

        JsonNode gpuMetrics = metricsOf(gpuJob);
        JsonNode cpuMetrics = metricsOf(cpuJob);

        assertThat(gpuMetrics.get("memory_peak").asLong()).as("the sampled peak, not max(used, 2048)").isEqualTo(9000);
        assertThat(gpuMetrics.get("memory_used").asLong()).isBetween(1000L, 9000L);
        assertThat(gpuMetrics.get("gpu_utilization").asInt()).isBetween(20, 90);
        assertThat(gpuMetrics.get("duration_ms").isIntegralNumber()).isTrue();
        assertThat(cpuMetrics.has("memory_peak")).as("a CPU job used no GPU: nothing invented").isFalse();
        assertThat(cpuMetrics.has("gpu_utilization")).isFalse();
        PresenceInfra.nvidiaSmi().usage(PresenceInfra.GPU + ", 35, 6000\n");
    }

    private JsonNode metricsOf(String job) {
        await().atMost(Duration.ofSeconds(30)).until(() -> sim.job(job).map(j -> j.state() == SimJobState.COMPLETED)
                .orElse(false));
        return sim.reports(job).getFirst().body().get("metrics");
    }

    private SimMiner miner() {
        return sim.miner(TestInfra.MINER_ID).orElseThrow();
    }
}
