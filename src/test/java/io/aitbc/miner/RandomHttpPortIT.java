package io.aitbc.miner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.aitbc.miner.testing.AgentProcess;
import io.aitbc.miner.testing.RedisServer;

/**
 * A random HTTP port ({@code QUARKUS_HTTP_PORT=0}) beside a fixed management port: the agent finishes starting and
 * drains on SIGTERM (regression: Vert.x's HTTP meters once made the HTTP server hang at start-up).
 */
class RandomHttpPortIT {

    @TempDir
    Path dir;

    @Test
    void startsAndDrainsWithARandomHttpPort() {
        try (RedisServer redis = RedisServer.start();
                AgentProcess agent = AgentProcess.start(Map.of("MINER_API_KEY", "k", "MINER_ID", "port-test",
                        "QUARKUS_REDIS_HOSTS", redis.url(),
                        "MINER_COORDINATOR_URL", "http://127.0.0.1:" + RedisServer.freePort() + "/v1",
                        "QUARKUS_HTTP_PORT", "0", "QUARKUS_MANAGEMENT_PORT", Integer.toString(RedisServer.freePort()),
                        "MINER_WORKSPACE_DIR", dir.resolve("jobs").toString(), "MINER_DRAIN_TIMEOUT", "5s"),
                        dir.resolve("agent.log"))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> agent.output().contains("now drain the agent"));
            assertThat(agent.output()).contains("started in").doesNotContain("Prometheus requires");

            agent.terminate();

            assertThat(agent.waitFor(Duration.ofSeconds(40))).as(agent.output()).isZero();
        }
    }
}
