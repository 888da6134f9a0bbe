package io.aitbc.miner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.aitbc.miner.testing.AgentProcess;
import io.aitbc.miner.testing.RedisServer;

/** The packaged agent refuses bad configuration with exit status 2 and one line naming the variable to fix (D23). */
class StartupConfigIT {

    private static final String SECRET = "s3cr3t-key-value-never-printed";

    @TempDir
    Path dir;

    @Test
    void missingApiKeyExitsTwoNamingTheVariable() {
        String out = runExpectingExit(2, env());
        assertThat(out).contains("MINER_API_KEY: missing");
    }

    @Test
    void unreadableKeyFileExitsTwoNamingTheFileVariable() {
        Map<String, String> env = env();
        env.put("MINER_API_KEY_FILE", dir.resolve("absent").toString());
        assertThat(runExpectingExit(2, env)).contains("MINER_API_KEY_FILE: cannot read");
    }

    @Test
    void keyAndKeyFileTogetherAreRefusedWithoutPrintingTheKey() throws IOException {
        Path file = Files.writeString(dir.resolve("key"), SECRET + "\n");
        Map<String, String> env = env();
        env.put("MINER_API_KEY", SECRET);
        env.put("MINER_API_KEY_FILE", file.toString());
        String out = runExpectingExit(2, env);
        assertThat(out).contains("MINER_API_KEY_FILE: set either").doesNotContain(SECRET);
    }

    @Test
    void hostileMinerIdExitsTwo() {
        Map<String, String> env = env();
        env.put("MINER_API_KEY", SECRET);
        env.put("MINER_ID", "../../etc/passwd");
        assertThat(runExpectingExit(2, env)).contains("MINER_ID: must match").doesNotContain(SECRET);
    }

    @Test
    void unparsableDurationExitsTwoNamingTheVariable() {
        Map<String, String> env = env();
        env.put("MINER_API_KEY", SECRET);
        env.put("MINER_POLL_INTERVAL", "often");
        assertThat(runExpectingExit(2, env)).contains("MINER_POLL_INTERVAL").doesNotContain(SECRET);
    }

    @Test
    void zeroSlotsExitsTwo() {
        Map<String, String> env = env();
        env.put("MINER_API_KEY", SECRET);
        env.put("MINER_INFERENCE_SLOTS", "0");
        assertThat(runExpectingExit(2, env)).contains("MINER_INFERENCE_SLOTS: must be at least 1");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "MINER_RETRY_MAX_ATTEMPTS|0|MINER_RETRY_MAX_ATTEMPTS: must be at least 1",
            "MINER_RETRY_BASE_DELAY|0s|MINER_RETRY_BASE_DELAY: must be positive",
            "MINER_RESULT_MAX_BYTES|1K|MINER_RESULT_MAX_BYTES: must be between 4K and 10M",
            "MINER_RESULT_MAX_BYTES|20M|MINER_RESULT_MAX_BYTES: must be between 4K and 10M",
            "MINER_POLL_CONCURRENCY|0|MINER_POLL_CONCURRENCY: must be at least 1",
            "MINER_POLL_INTERVAL|0s|MINER_POLL_INTERVAL: must be positive",
            "MINER_CPU_SLOTS|0|MINER_CPU_SLOTS: must be at least 1",
            "MINER_HEARTBEAT_INTERVAL|-5s|MINER_HEARTBEAT_INTERVAL: must be positive",
            "MINER_DRAIN_TIMEOUT|-1s|MINER_DRAIN_TIMEOUT: must not be negative",
            "MINER_OUTPUT_MAX_BYTES|10|MINER_OUTPUT_MAX_BYTES: must be at least 1K",
            "MINER_JOB_PIDS_MAX|-1|MINER_JOB_PIDS_MAX: must be 0 (no limit) or more" })
    void outOfRangeValueExitsTwoNamingTheVariable(String variable, String value, String line) {
        Map<String, String> env = env();
        env.put("MINER_API_KEY", SECRET);
        env.put(variable, value);
        assertThat(runExpectingExit(2, env)).contains("FATAL bad configuration: " + line).doesNotContain(SECRET);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "MINER_MEDIA_MAX_BYTES       | 0        | MINER_MEDIA_MAX_BYTES: must be more than 0",
            "MINER_MEDIA_IDLE_TIMEOUT    | 0s       | MINER_MEDIA_IDLE_TIMEOUT: must be more than 0",
            "MINER_REENCODE_MEMORY       | 1M       | MINER_REENCODE_MEMORY: must be at least 64M",
            "MINER_WHISPER_URL           | ftp://x/ | MINER_WHISPER_URL: must be an http or https URL with a host",
            "MINER_WHISPER_API           | grpc     | MINER_WHISPER_API: " })
    void badMediaSettingsExitTwo(String name, String value, String line) {
        Map<String, String> env = env();
        env.put("MINER_API_KEY", SECRET);
        env.put(name, value);
        assertThat(runExpectingExit(2, env)).contains(line).doesNotContain(SECRET);
    }

    private String runExpectingExit(int status, Map<String, String> env) {
        try (AgentProcess agent = AgentProcess.start(env, dir.resolve("agent.log"))) {
            assertThat(agent.waitFor(Duration.ofSeconds(60))).as(agent.output()).isEqualTo(status);
            return agent.output();
        }
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("MINER_ID", "config-test");
        env.put("MINER_COORDINATOR_URL", "http://127.0.0.1:" + RedisServer.freePort() + "/v1");
        env.put("QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:" + RedisServer.freePort());
        env.put("QUARKUS_HTTP_PORT", "0");
        env.put("QUARKUS_MANAGEMENT_PORT", "0");
        env.put("MINER_WORKSPACE_DIR", dir.resolve("jobs").toString());
        env.put("MINER_NVIDIA_SMI_PATH", dir.resolve("no-nvidia-smi").toString());
        return env;
    }
}
