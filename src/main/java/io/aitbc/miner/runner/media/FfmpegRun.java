package io.aitbc.miner.runner.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.job.Job;
import io.aitbc.miner.queue.ProcessGroupJournal;
import io.aitbc.miner.runner.sandbox.Execution;
import io.aitbc.miner.runner.sandbox.LaunchSpec;
import io.aitbc.miner.runner.sandbox.Sandbox;
import io.aitbc.miner.workspace.Workspace;
import io.aitbc.miner.workspace.Workspaces;
import io.quarkus.logging.Log;

/**
 * One ffmpeg run of a {@code reencode} job through the process sandbox (D15): argv only, in the job's workspace, with
 * a clean environment, {@code MINER_REENCODE_TIMEOUT} and {@code MINER_REENCODE_MEMORY}, a private network namespace
 * where the node has one (the protocol allowlist already keeps ffmpeg off the network), its process group journaled
 * for crash recovery, and an output cap that keeps {@code MINER_WORKSPACE_MIN_FREE} on the disk.
 */
@ApplicationScoped
class FfmpegRun {

    /**
     * A finished run.
     *
     * @param execution how the process ended
     * @param output where the output is (if ffmpeg wrote it)
     * @param limit the output cap ffmpeg ran under ({@code -fs}); an output that reaches it was cut
     */
    record Encoded(Execution execution, Path output, long limit) {
    }

    private final Ffmpeg ffmpeg;
    private final Sandbox sandbox;
    private final ProcessGroupJournal journal;
    private final Workspaces workspaces;
    private final ReencodeConfig config;

    FfmpegRun(Ffmpeg ffmpeg, Sandbox sandbox, ProcessGroupJournal journal, Workspaces workspaces,
            ReencodeConfig config) {
        this.ffmpeg = ffmpeg;
        this.sandbox = sandbox;
        this.journal = journal;
        this.workspaces = workspaces;
        this.config = config;
    }

    /** Re-encodes the workspace's input into {@code format}. */
    Encoded run(Job job, Workspace workspace, OutputFormat format) throws IOException, InterruptedException {
        long limit = workspaces.room();
        LaunchSpec spec = new LaunchSpec(job.id(), ffmpeg.executable().orElseThrow(), Ffmpeg.arguments(format, limit),
                environment(job, workspace), workspace.dir(), new byte[0], config.timeout(),
                OptionalLong.of(config.memory().asLongValue()), sandbox.facilities().netns());
        Execution run = sandbox.run(spec, pgid -> journal(job.id(), pgid));
        return new Encoded(run, workspace.dir().resolve(Ffmpeg.output(format)), limit);
    }

    private static Map<String, String> environment(Job job, Workspace workspace) {
        return Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8", "HOME", workspace.dir().toString(), "TMPDIR",
                workspace.dir().resolve("tmp").toString(), "AITBC_JOB_ID", job.id(),
                // glibc's per-thread arenas reserve address space that RLIMIT_AS would count
                "MALLOC_ARENA_MAX", "2");
    }

    private void journal(String jobId, long pgid) {
        try {
            journal.record(jobId, pgid);
        } catch (RuntimeException e) {
            Log.warnf("ffmpeg's process group of job %s not journaled (%s)", jobId, e.getMessage());
        }
    }
}
