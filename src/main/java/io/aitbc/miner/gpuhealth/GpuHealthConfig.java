package io.aitbc.miner.gpuhealth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.aitbc.miner.config.CheckedConfig;
import io.aitbc.miner.config.ConfigProblems;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How GPU health is watched ({@code MINER_GPU_*}, D44). */
@ConfigMapping(prefix = "miner.gpu")
public interface GpuHealthConfig extends CheckedConfig {

    /**
     * {@code MINER_GPU_KMSG_PATH}: the kernel log followed for XID lines ({@code /dev/kmsg}, or a file a host forwards
     * it to); default {@code /dev/kmsg}. Unreadable: no XIDs are seen (readiness data says so).
     */
    @WithDefault("/dev/kmsg")
    Path kmsgPath();

    /** {@code MINER_GPU_HEALTH_INTERVAL}: period of the {@code nvidia-smi} health check; default 15s. */
    @WithDefault("15s")
    Duration healthInterval();

    /** {@code MINER_GPU_XID_BURST_WINDOW}: XIDs of one GPU less than this apart are one incident; default 3m. */
    @WithDefault("3m")
    Duration xidBurstWindow();

    /** {@code MINER_GPU_RECOVERY_CHECKS}: clean checks in a row a recovering GPU needs to take jobs again; default 3. */
    @WithDefault("3")
    int recoveryChecks();

    /**
     * {@code MINER_GPU_LEAK_MARGIN}: how far above its pre-job baseline a GPU's memory (the inference server's own
     * processes not counted) may stay after a job before it counts as leaked; default 256M.
     */
    @WithDefault("256M")
    MemorySize leakMargin();

    /**
     * {@code MINER_GPU_INFERENCE_PROCESSES}: process names of the inference server, whose GPU use is neither foreign
     * nor a leak; default {@code ollama,ollama_llama_server,llama-server}.
     */
    @WithDefault("ollama,ollama_llama_server,llama-server")
    List<String> inferenceProcesses();

    @Override
    default ConfigProblems problems() {
        return new ConfigProblems().positive("miner.gpu.health-interval", healthInterval())
                .positive("miner.gpu.xid-burst-window", xidBurstWindow())
                .atLeast("miner.gpu.recovery-checks", recoveryChecks(), 1);
    }
}
