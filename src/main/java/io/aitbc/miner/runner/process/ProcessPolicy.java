package io.aitbc.miner.runner.process;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.allowlist.EntryLimits;
import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobIds;
import io.aitbc.miner.job.Placement;
import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.job.SlotNeed;
import io.aitbc.miner.probe.GpuDevice;
import io.aitbc.miner.probe.HardwareProbe;
import io.aitbc.miner.runner.sandbox.Sandbox;
import io.aitbc.miner.runner.sandbox.SandboxConfig;
import io.aitbc.miner.runner.sandbox.SandboxFacilities;
import io.aitbc.miner.workspace.Workspaces;

/**
 * What must hold before a {@code cli}/{@code python} process starts: a usable job id (D5), a sandbox that can enforce
 * the entry's network isolation and memory limit (D15), a GPU slot for {@code slot: gpu} entries (D13), free disk.
 */
@ApplicationScoped
class ProcessPolicy {

    private final SandboxFacilities facilities;
    private final boolean allowUnisolated;
    private final HardwareProbe probe;
    private final Workspaces workspaces;

    ProcessPolicy(Sandbox sandbox, SandboxConfig config, HardwareProbe probe, Workspaces workspaces) {
        this.facilities = sandbox.facilities();
        this.allowUnisolated = config.allowUnisolatedNetwork();
        this.probe = probe;
        this.workspaces = workspaces;
    }

    /** Why the job cannot run here on the slot it holds, or empty. */
    Optional<Refusal> refusal(Job job, EntryLimits limits, Placement placement) {
        if (!JobIds.valid(job.id())) {
            return Optional.of(new Refusal(ErrorCode.E_BADJOB, "job id is not [A-Za-z0-9_-]{1,64}"));
        }
        if (!facilities.processGroups()) {
            return Optional.of(new Refusal(ErrorCode.E_UNSUPPORTED, "this node lacks setsid/nice/ionice/kill"));
        }
        if (!limits.network() && !facilities.netns() && !allowUnisolated) {
            return Optional.of(new Refusal(ErrorCode.E_DENY, "the entry needs network isolation, which this node "
                    + "cannot provide (MINER_ALLOW_UNISOLATED_NETWORK is false)"));
        }
        if (limits.memoryBytes().isPresent() && !facilities.memoryLimits()) {
            return Optional.of(new Refusal(ErrorCode.E_DENY, "the entry has a memory limit this node cannot enforce"));
        }
        if (limits.slot() == SlotKind.GPU && placement.gpuUuid().isEmpty()) {
            return Optional.of(new Refusal(ErrorCode.E_NOGPU, noGpu(job)));
        }
        return workspaces.diskProblem().map(problem -> new Refusal(ErrorCode.E_RUNNER, problem));
    }

    /** {@code CUDA_VISIBLE_DEVICES}: the job's GPU by UUID, or nothing for CPU jobs (they see no GPU). */
    static String visibleDevices(Placement placement) {
        return placement.gpuUuid().orElse("");
    }

    private String noGpu(Job job) {
        double wanted = SlotNeed.minVramGb(job.constraints());
        long largestMb = probe.inventory().gpus().stream().mapToLong(GpuDevice::memoryTotalMb).max().orElse(0);
        if (largestMb == 0) {
            return "the job needs a GPU and this node has none";
        }
        return "the job needs a GPU with " + wanted + " GiB; the largest here has " + (largestMb / 1024.0) + " GiB";
    }
}
