package io.aitbc.miner.uploader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.Endpoint;
import io.aitbc.miner.sim.Fault;
import io.aitbc.miner.sim.RequestRecord;
import io.aitbc.miner.sim.SimJobState;
import io.aitbc.miner.testing.TestInfra;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * An upload refused with 401 keeps its outbox entry and is sent again no sooner than the 30 s the README promises,
 * however often the uploader is woken meanwhile: the entry carries its next upload time and the queue's clock wakes it
 * then (the outbox has one clock).
 */
@QuarkusTest
@WithTestResource(value = TestInfra.class, scope = TestResourceScope.GLOBAL)
class UploadAuthRetryTest {

    private final CoordinatorSimulator sim = TestInfra.simulator();

    @Inject
    ResultUploader uploader;

    @Inject
    RedisDataSource redis;

    @AfterEach
    void clearFaults() {
        sim.faults().clear();
    }

    @Test
    void aResultRefusedWith401IsSentAgainOnlyAfterTheAuthDelay() {
        sim.faults().inject(Endpoint.RESULT, Fault.status(401, "{\"detail\":\"Invalid API key\"}", 1));
        String id = sim.submit(new JsonObject().put("type", "inference").put("model", TestInfra.MODEL)
                .put("prompt", "refused once"));
        await().atMost(Duration.ofSeconds(20)).until(() -> results(id).size() == 1);
        Instant refused = results(id).get(0).at();
        assertThat(results(id).get(0).status()).isEqualTo(401);
        await().atMost(Duration.ofSeconds(5)).until(() -> uploadAfter(id) != null);
        assertThat(Instant.ofEpochMilli(Long.parseLong(uploadAfter(id))))
                .isBetween(refused.plus(UploadDecision.AUTH_RETRY_DELAY), refused.plus(Duration.ofSeconds(35)));

        // woken every second meanwhile, as the sweep that woke every outbox entry did
        await().pollInterval(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(50)).until(() -> {
            uploader.onOutcome(id);
            return sim.job(id).map(j -> j.state() == SimJobState.COMPLETED).orElse(false);
        });

        List<RequestRecord> calls = results(id);
        assertThat(calls).hasSize(2);
        assertThat(Duration.between(refused, calls.get(1).at())).isGreaterThanOrEqualTo(UploadDecision.AUTH_RETRY_DELAY);
        assertThat(sim.job(id).orElseThrow().reports()).hasSize(1);
    }

    private List<RequestRecord> results(String id) {
        return sim.requests().stream().filter(r -> r.endpoint() == Endpoint.RESULT && r.path().contains(id)).toList();
    }

    private String uploadAfter(String id) {
        return redis.hash(String.class).hget("miner:{" + TestInfra.MINER_ID + "}:job:" + id, "upload_after");
    }
}
