package io.aitbc.miner.workspace;

import java.nio.file.Path;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Job workspaces: where they live, what is kept, the disk space a job needs ({@code MINER_WORKSPACE_*}). */
@ConfigMapping(prefix = "miner.workspace")
public interface WorkspaceConfig {

    /**
     * {@code MINER_WORKSPACE_DIR}: one folder per job under it, named by the job id; default
     * {@code /var/lib/aitbc/miner/jobs}.
     */
    @WithDefault("/var/lib/aitbc/miner/jobs")
    Path dir();

    /** {@code MINER_WORKSPACE_KEEP_FAILED}: keep the folder of a failed job for inspection; default false. */
    @WithDefault("false")
    boolean keepFailed();

    /**
     * {@code MINER_WORKSPACE_MIN_FREE}: free space the workspace file system must have for a job to start; below it
     * jobs fail with {@code E_RUNNER} (retried with backoff, then reported); default {@code 1G}.
     */
    @WithDefault("1G")
    MemorySize minFree();
}
