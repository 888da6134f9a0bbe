package io.aitbc.miner.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.Endpoint;
import io.aitbc.miner.sim.RequestRecord;
import io.aitbc.miner.sim.SimJobState;
import io.aitbc.miner.sim.SimMiner;
import io.aitbc.miner.sim.SimulatorOptions;
import io.aitbc.miner.testing.TestInfra;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/** What the coordinator learns from the agent: the capability document, the headers, and a true inflight. */
@QuarkusTest
@WithTestResource(value = TestInfra.class, scope = TestResourceScope.GLOBAL)
class RegistrationTest {

    private final CoordinatorSimulator sim = TestInfra.simulator();

    @Test
    void capabilityDocumentDescribesTheNode() {
        await().atMost(Duration.ofSeconds(20)).until(() -> sim.miner(TestInfra.MINER_ID).isPresent());
        SimMiner miner = sim.miner(TestInfra.MINER_ID).orElseThrow();
        JsonNode caps = miner.capabilities();

        assertThat(miner.concurrency()).as("inference 4 + CPU 2 slots, no GPU").isEqualTo(6);
        assertThat(caps.path("slots").path("inference").asInt()).isEqualTo(4);
        assertThat(caps.path("slots").path("cpu").asInt()).isEqualTo(2);
        assertThat(miner.status()).isEqualTo("ONLINE");
        assertThat(caps.path("gpus").isArray()).isTrue();
        assertThat(caps.path("gpus")).isEmpty();
        assertThat(caps.path("platform").asText()).isEqualTo("CPU");
        assertThat(caps.path("price").decimalValue()).isEqualByComparingTo("0.02");
        assertThat(caps.path("models").toString()).contains("\"llama3.2:3b\"");
        assertThat(caps.path("cpu").path("cores").asInt()).isPositive();
        assertThat(caps.path("memory_mb").asLong()).isPositive();
        assertThat(caps.path("runners").path("inference").asBoolean()).isTrue();
        assertThat(caps.path("supported_tasks").toString()).contains("inference", "cli", "python", "transcribe",
                "reencode");
        assertThat(caps.path("runners").path("reencode").asBoolean()).as("Debian's ffmpeg").isTrue();
        assertThat(caps.path("runners").path("transcribe").asBoolean()).as("the fake Whisper").isTrue();
        assertThat(caps.has("cuda")).as("no CUDA without a driver").isFalse();
    }

    @Test
    void everyCallCarriesTheKeyAndMinerIdAndNeverAuthorization() {
        await().atMost(Duration.ofSeconds(20)).until(() -> sim.miner(TestInfra.MINER_ID).isPresent());
        List<RequestRecord> mine = sim.requests().stream().filter(r -> r.endpoint() != Endpoint.HEALTH_READY)
                .filter(r -> TestInfra.MINER_ID.equals(r.minerId())).toList();
        assertThat(mine).isNotEmpty().allSatisfy(r -> {
            assertThat(r.apiKeyPresent()).isTrue();
            assertThat(r.authorizationPresent()).isFalse();
        });
        assertThat(SimulatorOptions.DEFAULT_API_KEY).isNotBlank();
    }

    @Test
    void aFailIsFollowedByAHeartbeatWithTheTrueInflight() {
        String id = sim.submit(new JsonObject().put("type", "teleport"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> sim.job(id).map(j -> j.state() == SimJobState.FAILED).orElse(false));
        Instant failedAt = sim.job(id).orElseThrow().reports().get(0).at();

        await().atMost(Duration.ofSeconds(5)).until(() -> sim.requests().stream()
                .anyMatch(r -> r.endpoint() == Endpoint.HEARTBEAT && !r.at().isBefore(failedAt)));
        RequestRecord heartbeat = sim.requests().stream()
                .filter(r -> r.endpoint() == Endpoint.HEARTBEAT && !r.at().isBefore(failedAt)).findFirst().orElseThrow();
        assertThat(Duration.between(failedAt, heartbeat.at())).as("heartbeat right after /fail")
                .isLessThan(Duration.ofMillis(900));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> sim.miner(TestInfra.MINER_ID).map(m -> m.inflight() == 0).orElse(false));
    }
}
