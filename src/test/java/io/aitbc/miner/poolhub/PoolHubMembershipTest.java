package io.aitbc.miner.poolhub;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.scheduler.SlotScheduler;
import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.SimJobState;
import io.aitbc.miner.sim.SimulatorOptions;
import io.aitbc.miner.testing.ManagementUrl;
import io.aitbc.miner.testing.PresenceInfra;
import io.aitbc.miner.testing.PresenceProfile;
import io.aitbc.miner.testing.TestInfra;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/** The agent's calls to the pool-hub stand-in (aitbc-peer-features.md §4), checked field by field (D43). */
@QuarkusTest
@TestProfile(PresenceProfile.class)
@WithTestResource(value = TestInfra.class, scope = TestResourceScope.GLOBAL)
class PoolHubMembershipTest {

    private static final String REGISTER = "/v1/miners/register";
    private static final String HEARTBEAT = "/v1/miners/heartbeat";

    private final PoolHubStandIn hub = PresenceInfra.poolHub();
    private final CoordinatorSimulator sim = TestInfra.simulator();

    @Inject
    SlotScheduler scheduler;

    @AfterEach
    void hubBack() {
        hub.delay(Duration.ZERO);
    }

    @Test
    void registersWithTheProductionMinersFieldsAndTheNodesRealFacts() {
        await().atMost(Duration.ofSeconds(20)).until(() -> !hub.requests(REGISTER).isEmpty());
        PoolHubStandIn.Request register = hub.requests(REGISTER).getFirst();
        JsonNode body = register.body();

        assertThat(register.authorization()).as("register is unauthenticated: the key is in the body").isNull();
        assertThat(register.status()).isEqualTo(200);
        assertThat(body.get("miner_id").asText()).isEqualTo(TestInfra.MINER_ID);
        assertThat(body.get("api_key").asText()).isEqualTo(PresenceInfra.POOL_HUB_KEY)
                .isNotEqualTo(SimulatorOptions.DEFAULT_API_KEY);
        assertThat(body.get("addr").asText()).isEqualTo("http://node-7.example:8101");
        assertThat(body.get("proto").asText()).isEqualTo("http");
        assertThat(body.get("gpu_name").asText()).isEqualTo("NVIDIA GeForce RTX 4090");
        assertThat(body.get("gpu_vram_gb").asDouble()).isEqualTo(23.99); // 24564 MiB, not a fixed figure
        assertThat(body.get("cpu_cores").asInt()).isPositive();
        assertThat(body.get("ram_gb").asDouble()).isPositive().isNotEqualTo(16.0);
        assertThat(body.get("max_parallel").asInt()).isEqualTo(scheduler.totalSlots());
        assertThat(body.get("base_price").isTextual()).as("base_price is a string (a number is 422)").isTrue();
        assertThat(body.get("base_price").asText()).isEqualTo("0.02");
        assertThat(body.get("tags").get("platform").asText()).isEqualTo("CUDA");
        assertThat(body.get("tags").get("cuda").asText()).isEqualTo("12.4");
        assertThat(body.get("capabilities")).extracting(JsonNode::asText).contains("inference", "cli", "python");
        assertThat(body.has("region")).as("no region configured, none invented").isFalse();
    }

    @Test
    void heartbeatsCarryTheBearerKeyActiveAndTheTrueNumberOfJobs() {
        String job = sim.submit(new JsonObject().put("type", "python").put("module", "aitbc_test.timed")
                .put("args", new JsonObject().put("seconds", 2.0)));
        await().atMost(Duration.ofSeconds(20)).until(() -> heartbeats().stream()
                .anyMatch(h -> h.body().path("current_jobs").asInt() >= 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> sim.job(job).map(j -> j.state() == SimJobState.COMPLETED)
                .orElse(false));
        int before = heartbeats().size();
        await().atMost(Duration.ofSeconds(10)).until(() -> heartbeats().size() > before
                && heartbeats().getLast().body().path("current_jobs").asInt() == 0);

        List<PoolHubStandIn.Request> beats = heartbeats();
        assertThat(beats).allSatisfy(beat -> {
            assertThat(beat.authorization()).isEqualTo("Bearer " + PresenceInfra.POOL_HUB_KEY);
            assertThat(beat.status()).as("accepted, no 422").isEqualTo(200);
            assertThat(beat.body().get("status").asText()).as("the hub's word, not ONLINE").isEqualTo("active");
            assertThat(beat.body().get("current_jobs").isIntegralNumber()).isTrue();
        });
        JsonNode last = beats.getLast().body();
        assertThat(last.get("memory_total").asLong()).isEqualTo(24564);
        assertThat(last.get("memory_used").isIntegralNumber()).isTrue();
        assertThat(last.get("gpu_utilization").isIntegralNumber()).isTrue();
        assertThat(last.get("network_latency_ms").asDouble()).isNotNegative();
        assertThat(hub.miner(TestInfra.MINER_ID).orElseThrow().get("busy").asBoolean()).isFalse();
    }

    @Test
    void aHubThatLostItsDatabaseIsJoinedAgainAfterOne401() {
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.miner(TestInfra.MINER_ID).isPresent());
        hub.resetDatabase();
        hub.clearRequests();

        await().atMost(Duration.ofSeconds(20)).until(() -> hub.miner(TestInfra.MINER_ID)
                .map(m -> m.has("last_seen_at")).orElse(false));

        assertThat(hub.requests()).extracting(r -> r.path() + " " + r.status()).startsWith(HEARTBEAT + " 401",
                REGISTER + " 200", HEARTBEAT + " 200");
    }

    @Test
    void aHangingHubSlowsNoJobAndShowsOnlyInItsOwnCheck() {
        hub.delay(Duration.ofSeconds(5));
        List<String> jobs = new ArrayList<>();
        Instant start = Instant.now();
        for (int i = 0; i < 4; i++) {
            jobs.add(sim.submit(new JsonObject().put("type", "inference").put("model", TestInfra.MODEL)
                    .put("prompt", "fast")));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> jobs.stream().allMatch(j -> sim.job(j)
                .map(s -> s.state() == SimJobState.COMPLETED).orElse(false)));

        assertThat(Duration.between(start, Instant.now())).as("4 inference jobs of %s", TestInfra.GENERATION)
                .isLessThan(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get(ManagementUrl.of("/health/group/presence"))
                .then().statusCode(503));
        given().get(ManagementUrl.of("/health/ready")).then().statusCode(200);
        hub.delay(Duration.ZERO);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get(ManagementUrl.of("/health/group/presence"))
                .then().statusCode(200));
    }

    private List<PoolHubStandIn.Request> heartbeats() {
        return hub.requests(HEARTBEAT);
    }
}
