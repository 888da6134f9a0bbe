package io.aitbc.miner.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The test-only allowlist ({@code src/test/resources/allowlist}, with {@code @PYTHON_TASKS@} pointing at the test
 * Python modules), a job secrets mount and a private tmpfs folder for the agent under test.
 */
public final class SandboxFixtures {

    /** The test Python modules (package {@code aitbc_test}). */
    public static final Path PYTHON_TASKS = Path.of("src/test/resources/python-tasks").toAbsolutePath();
    /** The value of the {@code api-token} job secret. */
    public static final String SECRET = "s3cr3t-token-value";

    private static Path allowlistDir;

    private SandboxFixtures() {
    }

    /** The directory the agent reads its allowlist from (tests may add files). */
    public static Path allowlistDir() {
        return allowlistDir;
    }

    /** Prepares the folders and answers the agent's configuration for them. */
    public static Map<String, String> config() {
        try {
            allowlistDir = allowlist(removedAtExit(Files.createTempDirectory("aitbc-allowlist-")));
            Path secrets = removedAtExit(Files.createTempDirectory("aitbc-secrets-"));
            removedAtExit(Files.writeString(secrets.resolve("api-token"), SECRET));
            // not named aitbc-*: an agent using /dev/shm itself sweeps those at start-up, even another run's
            Path tmp = removedAtExit(Files.createTempDirectory(Path.of("/dev/shm"), "miner-test-shm-"));
            return Map.of("miner.allowlist.dir", allowlistDir.toString(), "miner.job.secrets-dir", secrets.toString(),
                    "miner.job.secrets-tmp-dir", tmp.toString(), "miner.stdin.max-bytes", "64K",
                    "miner.cpu.slots", "2", "miner.workspace.min-free", "1M");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the test allowlist files into {@code dir}, pointing them at the test modules. */
    public static Path allowlist(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/allowlist"))) {
            for (Path file : files.toList()) {
                removedAtExit(Files.writeString(dir.resolve(file.getFileName()),
                        Files.readString(file).replace("@PYTHON_TASKS@", PYTHON_TASKS.toString())));
            }
        }
        return dir;
    }

    /** Deleted when the test JVM exits (files registered after their folder go first). */
    private static Path removedAtExit(Path path) {
        path.toFile().deleteOnExit();
        return path;
    }
}
