package io.aitbc.miner.sim;

import static io.aitbc.miner.sim.SimClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

/** Register, heartbeat, poll, result and fail semantics, receipts and dispatch ("Endpoints", "Receipts"). */
class SimMinerSemanticsTest extends SimulatorTestSupport {

    @BeforeEach
    void registerMiner() {
        assertThat(json(miner.register("{}", 0)).get("session_token").asText()).matches("[0-9a-f]{32}");
    }

    @Test
    void registerResetsInflightAndHeartbeatOverwritesIt() {
        miner.heartbeat(5);
        assertThat(sim.miner("m1").orElseThrow().inflight()).isEqualTo(5);
        miner.heartbeat(2);
        assertThat(sim.miner("m1").orElseThrow().inflight()).isEqualTo(2);
        miner.register("{}", 3);
        assertThat(sim.miner("m1").orElseThrow()).satisfies(m -> {
            assertThat(m.inflight()).isZero();
            assertThat(m.status()).isEqualTo("ONLINE");
            assertThat(m.concurrency()).isEqualTo(3);
        });
    }

    @Test
    void emptyPollIs204() {
        assertThat(miner.poll().statusCode()).isEqualTo(204);
    }

    @Test
    void pollAssignsIrrevocablyAndCountsInflight() {
        String id = sim.submit(new JsonObject().put("type", "inference").put("prompt", "hi").put("temp", 0.5));
        var answer = json(miner.poll());
        assertThat(answer.get("job_id").asText()).isEqualTo(id).matches("[0-9a-f]{32}");
        assertThat(answer.get("payload").toString()).isEqualTo("{\"type\":\"inference\",\"prompt\":\"hi\",\"temp\":0.5}");
        assertThat(answer.properties()).extracting(e -> e.getKey()).containsExactly("job_id", "payload", "constraints");
        assertThat(sim.job(id).orElseThrow().state()).isEqualTo(SimJobState.RUNNING);
        assertThat(sim.job(id).orElseThrow().assignedMiner()).isEqualTo("m1");
        assertThat(sim.miner("m1").orElseThrow().inflight()).isEqualTo(1);
        assertThat(miner.poll().statusCode()).isEqualTo(204);
    }

    @Test
    void atTheConcurrencyLimitPollIs204AndZeroIsUnlimited() {
        miner.register("{}", 1);
        sim.submit(new JsonObject());
        sim.submit(new JsonObject());
        assertThat(miner.poll().statusCode()).isEqualTo(200);
        assertThat(miner.poll().statusCode()).isEqualTo(204);
        miner.register("{}", 0);
        assertThat(miner.poll().statusCode()).isEqualTo(200);
    }

    @Test
    void resultDecrementsInflightNotBelowZero() {
        String id = sim.submit(new JsonObject());
        miner.poll();
        miner.result(id, "{\"result\":{},\"metrics\":{\"duration_ms\":10}}");
        assertThat(sim.miner("m1").orElseThrow().inflight()).isZero();
        miner.result(id, "{\"result\":{},\"metrics\":{\"duration_ms\":10}}");
        assertThat(sim.miner("m1").orElseThrow().inflight()).isZero();
    }

    @Test
    void failDoesNotDecrementInflight() {
        String id = sim.submit(new JsonObject());
        miner.poll();
        assertThat(miner.fail(id, "E_TIMEOUT: slow").body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(sim.miner("m1").orElseThrow().inflight()).isEqualTo(1);
        assertThat(sim.job(id).orElseThrow()).satisfies(j -> {
            assertThat(j.state()).isEqualTo(SimJobState.FAILED);
            assertThat(j.error()).isEqualTo("E_TIMEOUT: slow");
        });
    }

    @Test
    void repeatedResultCreatesASecondReceipt() {
        String id = sim.submit(new JsonObject());
        miner.poll();
        String first = miner.result(id, "{\"result\":{},\"metrics\":{\"duration_ms\":10}}").body();
        String second = miner.result(id, "{\"result\":{},\"metrics\":{\"duration_ms\":10}}").body();
        assertThat(PythonJson.parse(first).at("/receipt/receipt_id"))
                .isNotEqualTo(PythonJson.parse(second).at("/receipt/receipt_id"));
        assertThat(sim.reports(id)).hasSize(2).allSatisfy(r -> assertThat(r.receiptJson()).isNotNull());
        assertThat(sim.summary().multiReportJobs()).containsExactly(id);
    }

    @Test
    void failAfterResultTurnsTheJobFailed() {
        String id = sim.submit(new JsonObject());
        miner.poll();
        miner.result(id, "{\"result\":{}}");
        miner.fail(id, "late");
        assertThat(sim.job(id).orElseThrow().state()).isEqualTo(SimJobState.FAILED);
        assertThat(sim.reports(id)).extracting(SimReport::kind).containsExactly(SimReport.Kind.RESULT,
                SimReport.Kind.FAIL);
    }

    @Test
    void resultAfterCancelOrExpiryIsAccepted() {
        String cancelled = sim.submit(new JsonObject());
        String expiring = sim.submit(new JsonObject(), null, Duration.ofMillis(300));
        miner.poll();
        miner.poll();
        sim.cancel(cancelled);
        await().until(() -> sim.job(expiring).orElseThrow().state() == SimJobState.EXPIRED);
        assertThat(miner.result(cancelled, "{\"result\":{}}").statusCode()).isEqualTo(200);
        assertThat(miner.result(expiring, "{\"result\":{}}").statusCode()).isEqualTo(200);
        assertThat(sim.job(expiring).orElseThrow().state()).isEqualTo(SimJobState.COMPLETED);
    }

    @Test
    void pollSkipsExpiredJobs() {
        String expired = sim.submit(new JsonObject(), null, Duration.ofMillis(100));
        await().until(() -> sim.job(expired).orElseThrow().state() == SimJobState.EXPIRED);
        String fresh = sim.submit(new JsonObject());
        assertThat(json(miner.poll()).get("job_id").asText()).isEqualTo(fresh);
    }

    @Test
    void forgetMinersMakesHeartbeat404AndPoll500() {
        sim.forgetMiners();
        assertThat(miner.heartbeat(0).statusCode()).isEqualTo(404);
        assertThat(miner.poll().statusCode()).isEqualTo(500);
    }
}
