package io.aitbc.miner.gpuhealth;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.aitbc.miner.gpuhealth.GpuSmi.SmiFailed;
import io.aitbc.miner.process.ProcessGroups;

/**
 * The check after every GPU job (D44): the job's processes must be gone from {@code nvidia-smi --query-compute-apps}
 * (any left are killed), and the GPU's memory, the inference server's own processes not counted, back within the
 * margin of its pre-job baseline. What it finds keeps the GPU suspect until a later check sees the memory back.
 */
final class VramReaper {

    private final GpuSmi smi;
    private final GpuProcesses processes;
    private final long marginMb;
    private final Map<String, Long> leakBaselines = new ConcurrentHashMap<>();

    VramReaper(GpuSmi smi, GpuProcesses processes, long marginMb) {
        this.smi = smi;
        this.processes = processes;
        this.marginMb = marginMb;
    }

    /** The GPU's memory use now without the inference server's processes; empty when it cannot be read. */
    OptionalLong usedWithoutServer(String uuid) {
        try {
            return processes.jobMemory(uuid, smi.signals(), smi.apps());
        } catch (SmiFailed e) {
            return OptionalLong.empty();
        }
    }

    /** Remembers the baseline a leak on {@code uuid} is measured against until it clears. */
    void baseline(String uuid, long baselineMb) {
        leakBaselines.put(uuid, baselineMb);
    }

    /**
     * Kills what the job left on the GPU and compares its memory with the baseline ({@code -1}: unknown, only
     * processes are checked). Returns the leak found, if any; killed pids are added to {@code reaped}.
     */
    Optional<String> reap(String jobId, String uuid, long baselineMb, Set<Long> reaped) {
        List<ComputeApp> apps;
        List<GpuSignals> signals;
        try {
            apps = smi.apps();
            signals = smi.signals();
        } catch (SmiFailed e) {
            return Optional.empty();
        }
        List<ComputeApp> left = apps.stream().filter(a -> a.uuid().equals(uuid) && GpuProcesses.ofJob(a, jobId))
                .toList();
        left.forEach(a -> {
            reaped.add(a.pid());
            ProcessHandle.of(a.pid()).ifPresent(ProcessHandle::destroyForcibly);
        });
        if (!left.isEmpty()) {
            return Optional.of("job " + jobId + " left " + left.size() + " process(es) on the GPU, killed (pids "
                    + left.stream().map(a -> Long.toString(a.pid())).toList() + ")");
        }
        return overBaseline(processes.jobMemory(uuid, signals, apps), baselineMb);
    }

    /** Whether a leak found earlier on {@code uuid} still holds: a reaped process alive, or memory still high. */
    Optional<String> stillLeaking(String uuid, List<GpuSignals> signals, List<ComputeApp> apps, Set<Long> reaped) {
        Long baseline = leakBaselines.get(uuid);
        Optional<String> leak = apps.stream()
                .filter(a -> a.uuid().equals(uuid) && reaped.contains(a.pid()) && ProcessGroups.running(a.pid()))
                .findFirst().map(a -> "reaped process " + a.pid() + " still on the GPU")
                .or(() -> overBaseline(processes.jobMemory(uuid, signals, apps), baseline == null ? -1 : baseline));
        if (leak.isEmpty()) {
            leakBaselines.remove(uuid);
        }
        return leak;
    }

    private Optional<String> overBaseline(OptionalLong used, long baselineMb) {
        if (baselineMb < 0 || used.isEmpty() || used.getAsLong() <= baselineMb + marginMb) {
            return Optional.empty();
        }
        return Optional.of("GPU memory " + used.getAsLong() + " MiB after the job, above its baseline " + baselineMb
                + " MiB + " + marginMb + " MiB (MINER_GPU_LEAK_MARGIN)");
    }
}
