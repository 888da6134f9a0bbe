package io.aitbc.miner.sim;

import static io.aitbc.miner.sim.SimClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

/** Rate limits ("Rate limits") and the injected faults of D34. */
class SimFaultsAndLimitsTest {

    static CoordinatorSimulator sim;
    SimClient miner;

    @BeforeAll
    static void start() {
        sim = CoordinatorSimulator.start(SimulatorOptions.builder().limit(Endpoint.HEARTBEAT, 3).build());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.resetDatabase();
        sim.faults().clear();
        sim.setRateLimits(true, Map.of(Endpoint.HEARTBEAT, 3), Duration.ofSeconds(60));
        miner = SimClient.miner(sim, "m1");
        miner.register("{}", 0);
    }

    @Test
    void overTheLimitIs429WithRetryAfter60() {
        for (int i = 0; i < 3; i++) {
            assertThat(miner.heartbeat(0).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = miner.heartbeat(0);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).isEqualTo("{\"detail\":\"Rate limit exceeded\"}");
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(miner.poll().statusCode()).as("other endpoints have their own bucket").isEqualTo(204);
    }

    @Test
    void theWindowSlides() {
        sim.setRateLimits(true, Map.of(Endpoint.HEARTBEAT, 1), Duration.ofMillis(300));
        assertThat(miner.heartbeat(0).statusCode()).isEqualTo(200);
        assertThat(miner.heartbeat(0).statusCode()).isEqualTo(429);
        org.awaitility.Awaitility.await().until(() -> miner.heartbeat(0).statusCode() == 200);
    }

    @Test
    void limitsCanBeSwitchedOff() {
        sim.setRateLimits(false, Map.of(), Duration.ofSeconds(60));
        for (int i = 0; i < 5; i++) {
            assertThat(miner.heartbeat(0).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void statusFaultAnswersWithoutApplyingForNCalls() {
        String id = sim.submit(new JsonObject());
        sim.faults().inject(Endpoint.POLL, Fault.status(503, "{\"detail\":\"down\"}", 2));
        assertThat(miner.poll().statusCode()).isEqualTo(503);
        assertThat(miner.poll().body()).isEqualTo("{\"detail\":\"down\"}");
        assertThat(sim.job(id).orElseThrow().state()).isEqualTo(SimJobState.QUEUED);
        assertThat(json(miner.poll()).get("job_id").asText()).isEqualTo(id);
    }

    @Test
    void delayFaultAppliesThenAnswersPastTheClientTimeout() {
        String id = sim.submit(new JsonObject());
        miner.poll();
        sim.faults().inject(Endpoint.RESULT, Fault.delay(Duration.ofSeconds(3), 1));
        assertThatThrownBy(() -> miner.timeout(Duration.ofMillis(500)).send("POST", "/v1/miners/" + id + "/result",
                "{\"result\":{}}")).isInstanceOf(HttpTimeoutException.class);
        assertThat(sim.reports(id)).hasSize(1);
        assertThat(sim.job(id).orElseThrow().state()).isEqualTo(SimJobState.COMPLETED);
    }

    @Test
    void dropFaultAppliesThenClosesTheConnection() {
        String id = sim.submit(new JsonObject());
        sim.faults().inject(Endpoint.POLL, Fault.dropAfterApply(1));
        assertThatThrownBy(() -> miner.send("POST", "/v1/miners/poll", "{}")).isInstanceOf(IOException.class);
        assertThat(sim.job(id).orElseThrow().state()).isEqualTo(SimJobState.RUNNING);
        assertThat(sim.miner("m1").orElseThrow().inflight()).isEqualTo(1);
    }

    @Test
    void rateLimitBurstAnswers429WithTheGivenRetryAfter() {
        sim.faults().inject(Endpoint.RESULT, Fault.rateLimitBurst(7, 2));
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = miner.result("x", "{\"result\":{}}");
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("7");
        }
        assertThat(miner.result("x", "{\"result\":{}}").statusCode()).isEqualTo(404);
    }
}
