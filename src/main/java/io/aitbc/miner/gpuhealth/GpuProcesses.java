package io.aitbc.miner.gpuhealth;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

import io.aitbc.miner.process.ProcessGroups;

/**
 * Whose a GPU's compute processes are: a job's (its environment holds {@code AITBC_JOB_ID=<job>}, which every process
 * a job starts inherits), the inference server's (by process name), the agent's own, or nobody's we know: foreign.
 * Also what a GPU's memory use is without the inference server's processes, the figure the reaper compares.
 */
final class GpuProcesses {

    private final Set<String> inferenceNames;

    GpuProcesses(List<String> inferenceNames) {
        this.inferenceNames = inferenceNames.stream().map(n -> n.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Whether {@code app} is a process of job {@code jobId}. */
    static boolean ofJob(ComputeApp app, String jobId) {
        return ProcessGroups.environmentHas(app.pid(), "AITBC_JOB_ID=" + jobId);
    }

    boolean inferenceServer(ComputeApp app) {
        String name = app.name().isEmpty() ? "" : Path.of(app.name()).getFileName().toString();
        return inferenceNames.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The first process on {@code uuid} that belongs to no running job, the inference server or the agent. */
    Optional<String> foreign(String uuid, List<ComputeApp> apps, Collection<String> runningJobs, Set<Long> reaped) {
        long self = ProcessHandle.current().pid();
        return apps.stream().filter(a -> a.uuid().equals(uuid))
                .filter(a -> a.pid() != self && !reaped.contains(a.pid()) && !inferenceServer(a))
                .filter(a -> runningJobs.stream().noneMatch(job -> ofJob(a, job))).findFirst()
                .map(a -> "foreign compute process pid " + a.pid() + " (" + a.name() + ") on the GPU");
    }

    /** The GPU's used memory less the inference server's processes, MiB; empty when not reported. */
    OptionalLong jobMemory(String uuid, List<GpuSignals> signals, List<ComputeApp> apps) {
        Optional<GpuSignals> gpu = signals.stream().filter(s -> s.uuid().equals(uuid)).findFirst();
        if (gpu.isEmpty() || gpu.get().memoryUsedMb() < 0) {
            return OptionalLong.empty();
        }
        long server = apps.stream().filter(a -> a.uuid().equals(uuid) && inferenceServer(a) && a.usedMb() > 0)
                .mapToLong(ComputeApp::usedMb).sum();
        return OptionalLong.of(Math.max(0, gpu.get().memoryUsedMb() - server));
    }
}
