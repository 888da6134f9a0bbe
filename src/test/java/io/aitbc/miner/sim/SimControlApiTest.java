package io.aitbc.miner.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.uploader.ReceiptVerifier;

/** The control API used by the demo and process-level tests. */
class SimControlApiTest {

    static CoordinatorSimulator sim;

    @BeforeAll
    static void start() {
        sim = CoordinatorSimulator.start(SimulatorOptions.builder().rateLimits(false).build());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void submitRunReadAndSummarise() throws Exception {
        String id = call("POST", "/jobs", "{\"payload\":{\"prompt\":\"hi\",\"x\":1e-05},\"ttl_seconds\":60}")
                .get("job_id").asText();
        SimClient miner = SimClient.miner(sim, "m1");
        miner.register("{}", 0);
        miner.poll();
        miner.result(id, "{\"result\":{\"v\":0.1},\"metrics\":{\"duration_ms\":1500}}");
        JsonNode job = call("GET", "/jobs/" + id, null);
        assertThat(job.get("state").asText()).isEqualTo("COMPLETED");
        String receipt = job.at("/reports/0/receipt_json").asText();
        assertThat(new ReceiptVerifier(call("GET", "/info", null).get("public_key").asText()).verify(receipt))
                .isTrue();
        assertThat(call("GET", "/summary", null).at("/states/COMPLETED").asInt()).isEqualTo(1);
        assertThat(call("GET", "/miners/m1", null).get("inflight").asInt()).isZero();
    }

    @Test
    void cancelFaultsLimitsAndReset() throws Exception {
        String id = call("POST", "/jobs", "{\"payload\":{}}").get("job_id").asText();
        assertThat(call("POST", "/jobs/" + id + "/cancel", null).get("state").asText()).isEqualTo("CANCELED");
        call("POST", "/faults", "{\"endpoint\":\"POLL\",\"kind\":\"STATUS\",\"status\":502,\"body\":\"{}\"}");
        SimClient miner = SimClient.miner(sim, "m2");
        miner.register("{}", 0);
        assertThat(miner.poll().statusCode()).isEqualTo(502);
        call("DELETE", "/faults", null);
        call("PUT", "/rate-limits", "{\"enabled\":true,\"limits\":{\"POLL\":1}}");
        miner.poll();
        assertThat(miner.poll().statusCode()).isEqualTo(429);
        call("PUT", "/rate-limits", "{\"enabled\":false}");
        call("POST", "/reset", null);
        assertThat(call("GET", "/jobs", null).get("jobs")).isEmpty();
        assertThat(send("GET", "/miners/m2", null).statusCode()).isEqualTo(404);
    }

    private static JsonNode call(String method, String path, String body) throws Exception {
        HttpResponse<String> response = send(method, path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return PythonJson.parse(response.body());
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.controlBase() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return SimClient.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
