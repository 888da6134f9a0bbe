package io.aitbc.miner.runner.process;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.gpuhealth.GpuFault;
import io.aitbc.miner.gpuhealth.GpuHealth;
import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.Placement;
import io.aitbc.miner.job.RawOutcome;
import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.queue.ProcessGroupJournal;
import io.aitbc.miner.result.ResultRules;
import io.aitbc.miner.runner.sandbox.Execution;
import io.aitbc.miner.runner.sandbox.JobSecrets;
import io.aitbc.miner.runner.sandbox.LaunchSpec;
import io.aitbc.miner.runner.sandbox.Sandbox;
import io.aitbc.miner.runner.sandbox.SandboxConfig;
import io.aitbc.miner.workspace.Artifact;
import io.aitbc.miner.workspace.ArtifactCollector;
import io.aitbc.miner.workspace.ArtifactException;
import io.aitbc.miner.workspace.Workspace;
import io.aitbc.miner.workspace.Workspaces;
import io.quarkus.logging.Log;

/**
 * The run shared by {@code cli} and {@code python} jobs: policy checks, a fresh workspace, the job's secrets as files,
 * a clean environment, the sandboxed process (its process group journaled for crash recovery), exit attribution,
 * artifacts within the result's budget, and the clean-up. Once the process ran, the outcome carries its measured wall
 * time, which the pipeline bills (D20). A GPU job is known to {@link GpuHealth} while it runs (D44): its memory
 * baseline is taken, XIDs naming its processes are attributed to it, what it left on the GPU is reaped, and a GPU
 * fault that hit it decides its failure ({@code E_EXIT} for its own, {@code E_RUNNER} for the GPU's).
 */
@ApplicationScoped
class SandboxedRun {

    /** Builds a successful process's outcome (a result, or a failure such as unreadable output) from its run. */
    interface Success {
        JobOutcome build(Execution run, ArrayNode artifacts);
    }

    private final ProcessPolicy policy;
    private final Sandbox sandbox;
    private final Workspaces workspaces;
    private final JobSecrets secrets;
    private final ProcessGroupJournal journal;
    private final SandboxConfig config;
    private final ResultRules results;
    private final GpuHealth gpus;

    SandboxedRun(ProcessPolicy policy, Sandbox sandbox, Workspaces workspaces, JobSecrets secrets,
            ProcessGroupJournal journal, SandboxConfig config, ResultRules results, GpuHealth gpus) {
        this.gpus = gpus;
        this.policy = policy;
        this.sandbox = sandbox;
        this.workspaces = workspaces;
        this.secrets = secrets;
        this.journal = journal;
        this.config = config;
        this.results = results;
    }

    RawOutcome run(Job job, Placement placement, Launch launch, Success success) throws InterruptedException {
        Optional<Refusal> refused = policy.refusal(job, launch.limits(), placement);
        if (refused.isPresent()) {
            return refused.get().unmeasured();
        }
        Workspace workspace;
        try {
            workspace = workspaces.create(job.id());
        } catch (IOException e) {
            return new Refusal(ErrorCode.E_RUNNER, "cannot create the workspace: " + e.getMessage()).unmeasured();
        }
        RawOutcome outcome = null;
        try {
            outcome = withSecrets(job, placement, launch, workspace, success);
            return outcome;
        } finally {
            workspaces.release(workspace, outcome == null || outcome.outcome().errorCode() != null);
        }
    }

    private RawOutcome withSecrets(Job job, Placement placement, Launch launch, Workspace workspace, Success success)
            throws InterruptedException {
        Path secretsDir = null;
        try {
            if (!launch.limits().secrets().isEmpty()) {
                secretsDir = secrets.stage(job.id(), launch.limits().secrets());
            }
        } catch (IOException e) {
            return new Refusal(ErrorCode.E_DENY, "job secrets unavailable: " + e.getMessage()).unmeasured();
        }
        try {
            return execute(job, placement, launch, workspace, secretsDir, success);
        } catch (IOException e) {
            return new Refusal(ErrorCode.E_RUNNER, "cannot start " + launch.executable() + ": " + e.getMessage())
                    .unmeasured();
        } finally {
            if (secretsDir != null) {
                secrets.delete(secretsDir);
            }
        }
    }

    private RawOutcome execute(Job job, Placement placement, Launch launch, Workspace workspace, Path secretsDir,
            Success success) throws IOException, InterruptedException {
        LaunchSpec spec = new LaunchSpec(job.id(), launch.executable(), launch.args(),
                environment(job, placement, launch, workspace, secretsDir), workspace.dir(), launch.stdin(),
                launch.limits().timeout(), launch.limits().memoryBytes(), !launch.limits().network());
        Optional<String> gpu = placement.slot() == SlotKind.GPU ? placement.gpuUuid() : Optional.empty();
        gpu.ifPresent(uuid -> gpus.jobStarting(job.id(), uuid));
        Execution run;
        Optional<GpuFault> fault = Optional.empty();
        try {
            run = sandbox.run(spec, pgid -> {
                journal(job.id(), pgid);
                gpus.jobProcess(job.id(), pgid);
            });
        } finally {
            if (gpu.isPresent()) {
                fault = gpus.jobEnded(job.id());
            }
        }
        Duration took = Duration.ofNanos(run.elapsedNanos());
        Optional<Refusal> failure = ExitAttribution.of(run, launch.limits().timeout());
        if (failure.isPresent() && fault.isPresent()) {
            Log.warnf("Job %s failed after a GPU fault: %s", job.id(), fault.get().message());
            return RawOutcome.measured(new Refusal(fault.get().code(), fault.get().message()).outcome(), took);
        }
        if (failure.isPresent()) {
            return RawOutcome.measured(failure.get().outcome(), took);
        }
        long budget = results.artifactBudget(run.stdout().text().length() + run.stderr().text().length());
        try {
            List<Artifact> artifacts = ArtifactCollector.collect(workspace,
                    config.artifactInlineMax().asLongValue(), budget);
            return RawOutcome.measured(success.build(run, artifactsJson(artifacts)), took);
        } catch (ArtifactException e) {
            return RawOutcome.measured(new Refusal(ErrorCode.E_DENY, e.getMessage()).outcome(), took);
        }
    }

    private Map<String, String> environment(Job job, Placement placement, Launch launch, Workspace workspace,
            Path secretsDir) {
        Map<String, String> env = new HashMap<>(launch.environment());
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", workspace.dir().toString());
        env.put("TMPDIR", workspace.dir().resolve("tmp").toString());
        env.put("LANG", "C.UTF-8");
        env.put("AITBC_JOB_ID", job.id());
        env.put("AITBC_WORKSPACE", workspace.dir().toString());
        env.put("AITBC_OUTPUT_DIR", workspace.out().toString());
        env.put("CUDA_VISIBLE_DEVICES", ProcessPolicy.visibleDevices(placement));
        if (secretsDir != null) {
            env.put(JobSecrets.DIR_VARIABLE, secretsDir.toString());
        }
        return env;
    }

    private void journal(String jobId, long pgid) {
        try {
            journal.record(jobId, pgid);
        } catch (RuntimeException e) {
            Log.warnf("Process group of job %s not journaled (%s): a crash now would leave it running", jobId,
                    e.getMessage());
        }
    }

    private static ArrayNode artifactsJson(List<Artifact> artifacts) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Artifact artifact : artifacts) {
            ObjectNode node = array.addObject();
            node.put("name", artifact.name());
            node.put("size", artifact.size());
            node.put("sha256", artifact.sha256());
            artifact.contentBase64().ifPresent(content -> node.put("content_base64", content));
        }
        return array;
    }
}
