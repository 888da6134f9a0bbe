package io.aitbc.miner.gpuhealth;

import java.time.Instant;
import java.util.Optional;

/**
 * One GPU's health as readiness data, the admin API and the metrics show it (D44).
 *
 * @param device which GPU
 * @param state where its health machine stands
 * @param reason the evidence behind the state, or how recovery goes
 * @param since when it entered the state
 * @param incidents XID incidents seen since start (a burst counts once)
 * @param foreign a compute process that is neither a job's nor the inference server's: while there is one, the
 *        GPU's slots take no job
 */
public record GpuStatus(Device device, GpuState state, String reason, Instant since, int incidents,
        Optional<String> foreign) {

    /**
     * A GPU the health machines watch.
     *
     * @param index its {@code nvidia-smi} index
     * @param uuid {@code GPU-…}
     */
    public record Device(int index, String uuid) {
    }

    /** Whether its slots take jobs: a state that does, and no foreign process. */
    public boolean takesJobs() {
        return state.takesJobs() && foreign.isEmpty();
    }
}
