package io.aitbc.miner.ops;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.FakeOllama;
import io.aitbc.miner.testing.RedisServer;

/**
 * The environment a process-level test gives the packaged agent: its Redis, coordinator simulator and fake Ollama,
 * fast loops, free ports and no GPUs.
 */
final class OpsHarness {

    private OpsHarness() {
    }

    static Map<String, String> env(String minerId, RedisServer redis, CoordinatorSimulator sim, FakeOllama ollama,
            Path dir) {
        Map<String, String> env = new HashMap<>();
        env.put("MINER_ID", minerId);
        env.put("MINER_COORDINATOR_URL", sim.apiBase());
        env.put("MINER_COORDINATOR_RATE_LIMIT_ENABLED", "false");
        env.put("QUARKUS_REDIS_HOSTS", redis.url());
        env.put("MINER_OLLAMA_URL", ollama.url());
        env.put("MINER_POLL_INTERVAL", "200ms");
        env.put("MINER_HEARTBEAT_INTERVAL", "1s");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(RedisServer.freePort()));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(RedisServer.freePort()));
        env.put("MINER_WORKSPACE_DIR", dir.resolve("jobs").toString());
        env.put("MINER_NVIDIA_SMI_PATH", dir.resolve("no-nvidia-smi").toString());
        return env;
    }
}
