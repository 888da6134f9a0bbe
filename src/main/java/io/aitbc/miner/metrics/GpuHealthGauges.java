package io.aitbc.miner.metrics;

import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.aitbc.miner.gpuhealth.GpuHealth;
import io.aitbc.miner.gpuhealth.GpuState;
import io.aitbc.miner.gpuhealth.GpuStatus;
import io.aitbc.miner.telemetry.MeterNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Each watched GPU's health state (D44) as {@code miner_gpu_health{gpu,UUID,state}}: 1 for the state it is in, 0 for
 * the others (as kube-state-metrics shows a phase), read from {@link GpuHealth}'s view at scrape time.
 */
@Startup
@ApplicationScoped
public class GpuHealthGauges {

    @Inject
    GpuHealthGauges(MeterRegistry registry, GpuHealth health) {
        this(registry, health::statuses);
    }

    GpuHealthGauges(MeterRegistry registry, Supplier<List<GpuStatus>> health) {
        for (GpuStatus gpu : health.get()) {
            String uuid = gpu.device().uuid();
            for (GpuState state : GpuState.values()) {
                Gauge.builder(MeterNames.GPU_HEALTH, health, h -> in(h.get(), uuid, state))
                        .description("GPU health state: 1 for the current one")
                        .tag(MeterNames.GPU, Integer.toString(gpu.device().index())).tag(MeterNames.GPU_UUID, uuid)
                        .tag(MeterNames.STATE, state.label()).register(registry);
            }
        }
    }

    private static double in(List<GpuStatus> statuses, String uuid, GpuState state) {
        return statuses.stream().anyMatch(s -> s.device().uuid().equals(uuid) && s.state() == state) ? 1 : 0;
    }
}
