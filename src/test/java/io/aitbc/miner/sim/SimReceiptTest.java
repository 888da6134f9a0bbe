package io.aitbc.miner.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.uploader.ReceiptVerifier;
import io.vertx.core.json.JsonObject;

/** Pricing and signed receipts ("How the coordinator prices a result", "Receipts"). */
class SimReceiptTest extends SimulatorTestSupport {

    String job;

    @BeforeEach
    void registerMiner() {
        miner.register("{}", 0);
        job = sim.submit(new JsonObject().put("type", "inference").put("prompt", "caf\u00e9 \uD83D\uDE80"));
        miner.poll();
    }

    @Test
    void pricesTheProtocolExampleAndVerifies() {
        String receipt = receipt("{\"result\":{\"output\":\"\u00e9\",\"tiny\":1e-05,\"n\":null},"
                + "\"metrics\":{\"duration_ms\":11846}}");
        JsonNode tree = PythonJson.parse(receipt);
        assertThat(receipt).contains("\"units\":11.846,\"unit_type\":\"gpu_seconds\",\"unit_price\":0.02,"
                + "\"price\":0.23692").contains("\"tiny\":1e-05");
        assertThat(tree.at("/metadata/metrics/duration_ms").asLong()).isEqualTo(11846);
        assertThat(tree.get("completed_at").asLong() - tree.get("started_at").asLong()).isBetween(11L, 12L);
        assertThat(tree.get("provider").asText()).isEqualTo("m1");
        assertThat(new ReceiptVerifier(sim.publicKeyBase64Url()).verify(receipt)).isTrue();
        assertThat(sim.reports(job).getFirst().receiptJson()).isEqualTo(receipt);
    }

    @Test
    void aTamperedReceiptFails() {
        String receipt = receipt("{\"result\":{},\"metrics\":{\"duration_ms\":11846}}");
        assertThat(new ReceiptVerifier(sim.publicKeyBase64Url()).verify(receipt.replace("0.23692", "0.3")))
                .isFalse();
    }

    @Test
    void durationIsRewrittenAsIntOfUnitsTimes1000() {
        JsonNode tree = PythonJson.parse(receipt("{\"result\":{},\"metrics\":{\"duration_ms\":1001}}"));
        assertThat(tree.at("/metadata/metrics/duration_ms").asLong()).isEqualTo(1000); // python3: int(1001 / 1000 * 1000) == 1000
    }

    @Test
    void unitsComeFromMetricsThenResultThenExecutionTime() {
        assertThat(PythonJson.parse(receipt("{\"result\":{\"units\":3},\"metrics\":{\"units\":5}}")).get("units")
                .toString()).isEqualTo("5");
        assertThat(PythonJson.parse(receipt("{\"result\":{\"execution_time\":2.5}}")).get("units").asDouble())
                .isEqualTo(2.5);
    }

    @Test
    void unitPriceAndPriceOverridesAreHonoured() {
        JsonNode tree = PythonJson.parse(receipt("{\"result\":{\"cost\":7},\"metrics\":{\"duration_ms\":1000,"
                + "\"unit_price\":0,\"unit_type\":\"cpu_seconds\"}}"));
        assertThat(tree.get("unit_price").toString()).isEqualTo("0");
        assertThat(tree.get("unit_type").asText()).isEqualTo("cpu_seconds");
        assertThat(tree.get("price").toString()).isEqualTo("7");
    }

    @Test
    void withoutSigningTheReceiptIsNull() {
        try (CoordinatorSimulator unsigned = CoordinatorSimulator
                .start(SimulatorOptions.builder().signing(false).rateLimits(false).build())) {
            SimClient m = SimClient.miner(unsigned, "m1");
            m.register("{}", 0);
            String id = unsigned.submit(new JsonObject());
            m.poll();
            assertThat(m.result(id, "{\"result\":{}}").body()).isEqualTo("{\"status\":\"ok\",\"receipt\":null}");
            assertThat(unsigned.publicKeyBase64Url()).isNull();
        }
    }

    private String receipt(String body) {
        String answer = miner.result(job, body).body();
        assertThat(answer).startsWith("{\"status\":\"ok\",\"receipt\":{");
        return answer.substring("{\"status\":\"ok\",\"receipt\":".length(), answer.length() - 1);
    }
}
