package io.aitbc.miner.sim;

import static io.aitbc.miner.sim.SimClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Dispatch matching, FIFO and the constraints shape of a poll answer ("POST /miners/poll"). */
class SimDispatchTest extends SimulatorTestSupport {

    static final String CAPS = "{\"gpus\":[{\"name\":\"RTX 4090\",\"memory_mb\":24576}],\"cuda\":\"12.4\","
            + "\"models\":[\"llama3.2:3b\",\"llama3.2:latest\"],\"price\":0.02,\"region\":\"ignored\"}";

    @BeforeEach
    void registerMiner() {
        miner.post("/v1/miners/register", "{\"capabilities\":" + CAPS + ",\"concurrency\":0,\"region\":\"eu\"}");
    }

    @Test
    void constraintsCarryEveryFieldWithBooleansAndDecimalStrings() {
        sim.submit(new JsonObject(), new JsonObject().put("max_price", 0.5), Duration.ofMinutes(1));
        assertThat(json(miner.poll()).get("constraints").toString()).isEqualTo("{\"gpu\":null,\"cuda\":null,"
                + "\"min_vram_gb\":null,\"models\":null,\"region\":null,\"max_price\":\"0.5\",\"zk_proof_required\":false,"
                + "\"tee_attestation_required\":false,\"tee_enclave_id\":null,\"min_reputation\":null,"
                + "\"auto_reinvest_pct\":null,\"bond_required\":false,\"min_bond_amount\":null,\"confidential\":false,"
                + "\"required_enclave_measurement\":null}");
    }

    @Test
    void dispatchIsFifoBySubmission() {
        String first = sim.submit(new JsonObject().put("n", 1));
        String second = sim.submit(new JsonObject().put("n", 2));
        assertThat(json(miner.poll()).get("job_id").asText()).isEqualTo(first);
        assertThat(json(miner.poll()).get("job_id").asText()).isEqualTo(second);
    }

    @Test
    void nonMatchingJobsAreSkippedNotBlocking() {
        String other = submit(new JsonObject().put("gpu", "H100"));
        String mine = submit(new JsonObject().put("gpu", "RTX 4090"));
        assertThat(json(miner.poll()).get("job_id").asText()).isEqualTo(mine);
        assertThat(miner.poll().statusCode()).isEqualTo(204);
        assertThat(sim.job(other).orElseThrow().state()).isEqualTo(SimJobState.QUEUED);
    }

    @Test
    void eachConstraintMatchesAsTheDispatcherReadsIt() {
        assertMatch(new JsonObject().put("min_vram_gb", 24), true);
        assertMatch(new JsonObject().put("min_vram_gb", 25), false);
        assertMatch(new JsonObject().put("cuda", "12"), true);
        assertMatch(new JsonObject().put("cuda", "11.8"), false);
        assertMatch(new JsonObject().put("models", new JsonArray().add("llama3.2:3b")), true);
        assertMatch(new JsonObject().put("models", new JsonArray().add("llama3.2:3b").add("qwen")), false);
        assertMatch(new JsonObject().put("max_price", 0.02), true);
        assertMatch(new JsonObject().put("max_price", 0.01), false);
        assertMatch(new JsonObject().put("region", "eu"), true);
        assertMatch(new JsonObject().put("region", "ignored"), false);
    }

    @Test
    void anOfflineMinerStillReceivesJobs() throws Exception {
        miner.send("DELETE", "/v1/miners/m1", null);
        sim.submit(new JsonObject());
        assertThat(miner.poll().statusCode()).isEqualTo(200);
    }

    private void assertMatch(JsonObject constraints, boolean expected) {
        sim.resetDatabase();
        miner.post("/v1/miners/register", "{\"capabilities\":" + CAPS + ",\"concurrency\":0,\"region\":\"eu\"}");
        submit(constraints);
        assertThat(miner.poll().statusCode()).as(constraints.encode()).isEqualTo(expected ? 200 : 204);
    }

    private String submit(JsonObject constraints) {
        return sim.submit(new JsonObject(), constraints, Duration.ofMinutes(5));
    }
}
