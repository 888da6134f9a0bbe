package io.aitbc.miner.workspace;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Keeping and disk space of job workspaces ({@code MINER_WORKSPACE_KEEP_FAILED}, {@code MINER_WORKSPACE_MIN_FREE}). */
@ConfigMapping(prefix = "miner.workspace")
public interface WorkspaceLimitsConfig {

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
