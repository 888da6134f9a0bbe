package io.aitbc.miner.workspace;

import java.nio.file.Path;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where job workspaces live ({@code MINER_WORKSPACE_DIR}). */
@ConfigMapping(prefix = "miner.workspace")
public interface WorkspaceConfig {

    /**
     * {@code MINER_WORKSPACE_DIR}: one folder per job under it, named by the job id; default
     * {@code /var/lib/aitbc/miner/jobs}.
     */
    @WithDefault("/var/lib/aitbc/miner/jobs")
    Path dir();
}
