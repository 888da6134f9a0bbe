package io.aitbc.miner.runner.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One process to run in the sandbox.
 *
 * @param jobId the job's (validated) id, naming its cgroup
 * @param executable the absolute program
 * @param args its arguments, passed as they are (no shell)
 * @param environment the complete environment (nothing of the agent's is inherited); when it names a secrets folder
 *        ({@link JobSecrets#DIR_VARIABLE}), what the files there hold is redacted from the process's output
 * @param workingDir the job's workspace
 * @param stdin bytes written to its standard input
 * @param timeout wall-clock limit
 * @param memoryBytes memory limit, when the entry sets one
 * @param isolateNetwork run it in a private network namespace
 */
public record LaunchSpec(String jobId, Path executable, List<String> args, Map<String, String> environment,
        Path workingDir, byte[] stdin, Duration timeout, OptionalLong memoryBytes, boolean isolateNetwork) {
}
