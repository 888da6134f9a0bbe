package io.aitbc.miner.workspace;

import java.nio.file.Path;

/**
 * One job's folder: {@code <MINER_WORKSPACE_DIR>/<job-id>/}, the job's working directory, with {@code out/} for its
 * artifacts.
 *
 * @param jobId the validated job id
 * @param dir the folder
 */
public record Workspace(String jobId, Path dir) {

    /** Where the job writes the files it returns. */
    public Path out() {
        return dir.resolve("out");
    }
}
