package io.aitbc.miner.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.aitbc.miner.gpuhealth.GpuState;
import io.aitbc.miner.gpuhealth.GpuStatus;
import io.aitbc.miner.probe.GpuDevice;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

/**
 * GPU memory under the agent's names with dcgm-exporter's labels (D28), and each GPU's health state (D44); the README's
 * GPU rows are all exposed.
 */
class GpuMemoryGaugesTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final GpuMemoryGauges gauges = new GpuMemoryGauges(registry, null, null);

    @Test
    void freeAndUsedMemoryPerGpuWithDcgmLabels() {
        gauges.update(List.of(new GpuDevice(0, "GPU-aaaa", "NVIDIA A100", 40960, 30720, 5, false),
                new GpuDevice(0, "MIG-bbbb", "MIG 1g.5gb", 4864, -1, -1, true)));
        gauges.update(List.of(new GpuDevice(0, "GPU-aaaa", "NVIDIA A100", 40960, 10240, 90, false)));

        new GpuHealthGauges(registry, () -> List.of(new GpuStatus(new GpuStatus.Device(0, "GPU-aaaa"),
                GpuState.QUARANTINED, "XID 79", Instant.EPOCH, 1, Optional.empty())));

        String scrape = registry.scrape();
        assertThat(scrape).contains("miner_gpu_memory_free_bytes{UUID=\"GPU-aaaa\",gpu=\"0\",} 1.073741824E10")
                .contains("miner_gpu_memory_used_bytes{UUID=\"GPU-aaaa\",gpu=\"0\",} 3.221225472E10")
                .doesNotContain("MIG-bbbb")
                .contains("miner_gpu_health{UUID=\"GPU-aaaa\",gpu=\"0\",state=\"quarantined\",} 1.0")
                .contains("miner_gpu_health{UUID=\"GPU-aaaa\",gpu=\"0\",state=\"healthy\",} 0.0");
        assertThat(ReadmeMetrics.rows()).filteredOn(r -> r.when().equals(ReadmeMetrics.WITH_GPU)).isNotEmpty()
                .allSatisfy(r -> assertThat(ReadmeMetrics.exposed(scrape, r.name())).as(r.name()).isTrue());
    }
}
