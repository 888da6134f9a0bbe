package io.aitbc.miner.sim;

import static io.aitbc.miner.sim.SimClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.core.json.JsonObject;

/** The miner jobs listing ("Other miner endpoints"). */
class SimListingTest extends SimulatorTestSupport {

    @BeforeEach
    void registerMiner() {
        miner.register("{}", 0);
    }

    @Test
    void jobViewHasExactlyTheProtocolFieldsNullsIncluded() {
        sim.submit(new JsonObject().put("type", "inference"));
        miner.poll();
        JsonNode page = json(miner.list("m1", ""));
        assertThat(page.properties()).extracting(e -> e.getKey()).containsExactly("jobs", "total", "limit", "offset",
                "miner_id");
        assertThat(page.get("total").asInt()).isEqualTo(1);
        assertThat(page.get("limit").asInt()).isEqualTo(20);
        JsonNode view = page.get("jobs").get(0);
        assertThat(view.properties()).extracting(e -> e.getKey()).containsExactly("job_id", "state",
                "assigned_miner_id", "requested_at", "expires_at", "error", "payment_id", "payment_status",
                "zk_status", "payload", "result", "zk_proof_id", "tee_status", "tee_attestation_id",
                "auto_reinvest_pct", "reinvest_status", "reinvest_stake_id");
        assertThat(view.get("state").asText()).isEqualTo("RUNNING");
        assertThat(view.get("payment_id").isNull()).isTrue();
        assertThat(view.get("expires_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?");
    }

    @Test
    void newestFirstPagedWithTotalOnThisPage() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(sim.submit(new JsonObject().put("n", i)));
            miner.poll();
        }
        JsonNode first = json(miner.list("m1", "?limit=2&offset=0"));
        JsonNode last = json(miner.list("m1", "?limit=2&offset=4"));
        assertThat(first.get("total").asInt()).isEqualTo(2);
        assertThat(first.get("jobs").get(0).get("job_id").asText()).isEqualTo(ids.get(4));
        assertThat(last.get("total").asInt()).isEqualTo(1);
        assertThat(last.get("jobs").get(0).get("job_id").asText()).isEqualTo(ids.get(0));
    }

    @Test
    void statusFilterIsCaseInsensitiveAndUnknownValuesAreIgnored() {
        String done = sim.submit(new JsonObject());
        miner.poll();
        sim.submit(new JsonObject());
        miner.poll();
        miner.result(done, "{\"result\":{}}");
        assertThat(json(miner.list("m1", "?job_status=running")).get("total").asInt()).isEqualTo(1);
        assertThat(json(miner.list("m1", "?job_status=COMPLETED")).get("total").asInt()).isEqualTo(1);
        assertThat(json(miner.list("m1", "?job_status=bogus")).get("total").asInt()).isEqualTo(2);
    }

    @Test
    void listingDoesNotApplyExpiry() {
        String id = sim.submit(new JsonObject(), null, Duration.ofMillis(200));
        miner.poll();
        await().until(() -> sim.job(id).orElseThrow().state() == SimJobState.EXPIRED);
        JsonNode running = json(miner.list("m1", "?job_status=RUNNING"));
        assertThat(running.get("jobs").get(0).get("job_id").asText()).isEqualTo(id);
    }

    @Test
    void aCancelledJobVanishes() {
        String id = sim.submit(new JsonObject());
        miner.poll();
        sim.cancel(id);
        assertThat(json(miner.list("m1", "")).get("jobs")).isEmpty();
        assertThat(sim.job(id).orElseThrow().state()).isEqualTo(SimJobState.CANCELED);
    }

    @Test
    void badPagingIsAValidationError() {
        JsonAssert.validation(miner.list("m1", "?limit=x"), "query.limit", "int_parsing");
    }
}
