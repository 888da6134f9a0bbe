package io.aitbc.miner.pipeline;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.SimJob;
import io.aitbc.miner.sim.SimJobState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Payloads of {@code cli} and {@code python} jobs, and waiting for a job's one report. */
final class SandboxJobs {

    private SandboxJobs() {
    }

    static JsonObject cli(String command, String... args) {
        return new JsonObject().put("type", "cli").put("command", command).put("args", new JsonArray(java.util.List.of(
                (Object[]) args)));
    }

    static JsonObject python(String module, JsonObject args) {
        return new JsonObject().put("type", "python").put("module", module).put("args", args);
    }

    static SimJob awaitEnd(CoordinatorSimulator sim, String id) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> sim.job(id)
                .map(j -> j.state() == SimJobState.COMPLETED || j.state() == SimJobState.FAILED).orElse(false));
        return sim.job(id).orElseThrow();
    }
}
