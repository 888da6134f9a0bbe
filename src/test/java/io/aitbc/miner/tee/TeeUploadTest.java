package io.aitbc.miner.tee;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Base64;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.Endpoint;
import io.aitbc.miner.sim.Fault;
import io.aitbc.miner.sim.PythonJson;
import io.aitbc.miner.sim.RequestRecord;
import io.aitbc.miner.sim.SimJobState;
import io.aitbc.miner.sim.SimReport;
import io.aitbc.miner.testing.ManagementUrl;
import io.aitbc.miner.testing.PresenceProfile;
import io.aitbc.miner.testing.TestInfra;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * TEE quotes through the whole agent against the simulator's coordinator checks (D42): made at upload, fresh at every
 * send, {@code tee_status} recorded in the job hash and the metric.
 */
@QuarkusTest
@TestProfile(PresenceProfile.class)
@WithTestResource(value = TestInfra.class, scope = TestResourceScope.GLOBAL)
class TeeUploadTest {

    private final CoordinatorSimulator sim = TestInfra.simulator();

    @Inject
    RedisDataSource redis;

    @AfterEach
    void clearFaults() {
        sim.faults().clear();
    }

    @Test
    void aJobAskingForAnEnclaveGetsAQuoteTheCoordinatorVerifies() {
        String job = submit(new JsonObject().put("tee_enclave_id", "enclave-A"));

        SimReport report = awaitReport(job);

        JsonNode quote = envelope(report.body().path("tee_quote").asText());
        assertThat(quote.get("enclave_id").asText()).isEqualTo("enclave-A");
        assertThat(quote.get("measurement").asText()).isEqualTo("enclave-A");
        assertThat(new String(Base64.getDecoder().decode(quote.get("quote_blob").asText()), UTF_8)).isEqualTo(job);
        assertThat(report.receipt().get("tee_status").asText()).isEqualTo("verified");
        await().atMost(Duration.ofSeconds(10)).until(() -> "verified".equals(teeStatusInRedis(job)));
        assertThat(given().get(ManagementUrl.of("/metrics")).then().extract().asString())
                .contains("miner_tee_quotes_total{status=\"verified\"}");
    }

    @Test
    void everySendCarriesAFreshQuote() {
        // The simulator is shared by every test class: a job an earlier one left to this miner (adopted by
        // reconciliation) would take the 429 meant for this job's first send.
        await().atMost(Duration.ofSeconds(30)).until(() -> sim.jobs().stream()
                .noneMatch(j -> j.state() == SimJobState.RUNNING && TestInfra.MINER_ID.equals(j.assignedMiner())));
        sim.faults().inject(Endpoint.RESULT, Fault.rateLimitBurst(1, 1));
        String job = submit(new JsonObject().put("tee_attestation_required", true));

        SimReport report = awaitReport(job);

        List<String> sent = sim.requests().stream().filter(r -> r.endpoint() == Endpoint.RESULT)
                .filter(r -> r.path().contains(job)).map(RequestRecord::teeQuote).toList();
        assertThat(sent).as("sends of %s among %s", job, sim.requests().stream()
                .filter(r -> r.endpoint() == Endpoint.RESULT).map(r -> r.path() + " " + r.status() + " " + r.at()).toList())
                .hasSize(2).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(sent).map(q -> envelope(q).get("timestamp").asText()).doesNotHaveDuplicates();
        assertThat(envelope(sent.getLast()).get("enclave_id").asText()).isEqualTo("unknown");
        assertThat(report.receipt().get("tee_status").asText()).isEqualTo("verified");
    }

    @Test
    void aJobWithoutTeeGetsNoQuoteAndNoStatus() {
        String job = submit(null);

        SimReport report = awaitReport(job);

        assertThat(report.body().has("tee_quote")).isFalse();
        assertThat(report.receipt().get("tee_status").asText()).isEqualTo("not_required");
        assertThat(teeStatusInRedis(job)).isEmpty();
    }

    private String submit(JsonObject constraints) {
        return sim.submit(new JsonObject().put("type", "inference").put("model", TestInfra.MODEL).put("prompt", "p"),
                constraints, Duration.ofMinutes(15));
    }

    private SimReport awaitReport(String job) {
        await().atMost(Duration.ofSeconds(30)).until(() -> sim.job(job).map(j -> j.state() == SimJobState.COMPLETED)
                .orElse(false));
        return sim.reports(job).getFirst();
    }

    private static JsonNode envelope(String wire) {
        return PythonJson.parse(new String(Base64.getDecoder().decode(wire), UTF_8));
    }

    private String teeStatusInRedis(String job) {
        String status = redis.hash(String.class).hget("miner:{" + TestInfra.MINER_ID + "}:job:" + job, "tee_status");
        return status == null ? "" : status;
    }
}
