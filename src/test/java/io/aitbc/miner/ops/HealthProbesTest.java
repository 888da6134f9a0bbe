package io.aitbc.miner.ops;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.aitbc.miner.sim.Endpoint;
import io.aitbc.miner.sim.Fault;
import io.aitbc.miner.testing.TestInfra;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Each probe state on the management port (D26), every check with its reason; each test leaves the agent ready. */
@QuarkusTest
@WithTestResource(value = TestInfra.class, scope = TestResourceScope.GLOBAL)
class HealthProbesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String REDIS = "checks.find { it.name == 'redis' }";

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "/health/live", management = true)
    URL live;

    @TestHTTPResource(value = "/health/started", management = true)
    URL started;

    /** The management interface's own root, not under {@code /q}. */
    private URL healthz() {
        try {
            return ready.toURI().resolve("/healthz").toURL();
        } catch (java.net.URISyntaxException | java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void agentIsReady() {
        awaitStatus(ready, 200);
    }

    @AfterEach
    void restore() {
        TestInfra.simulator().faults().clear();
        awaitStatus(ready, 200);
    }

    @Test
    void readyLiveAndStartedSayWhy() {
        given().get(ready).then().statusCode(200)
                .body("checks.find { it.name == 'coordinator' }.data.reason", equalTo("registered"))
                .body("checks.find { it.name == 'redis' }.data.reason", equalTo("Redis answers"))
                .body("checks.find { it.name == 'drain' }.data.reason", equalTo("not draining"))
                .body("checks.find { it.name == 'polling' }.data.reason", equalTo("polling"));
        given().get(live).then().statusCode(200)
                .body("checks.find { it.name == 'poll-loop' }.data.reason", equalTo("iterating"))
                .body("checks.find { it.name == 'heartbeat-loop' }.data.reason", equalTo("iterating"));
        awaitStatus(started, 200);
        given().get(started).then().body("checks.find { it.name == 'hardware' }.data.reason", equalTo("probed"));
        given().get(healthz()).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void redisDownIsNotReadyWithTheReasonAndLivenessStaysUp() {
        TestInfra.redis().kill();
        try {
            await().atMost(WAIT).until(() -> "DOWN".equals(given().get(ready).path(REDIS + ".status")));
            given().get(ready).then().statusCode(503).body("checks.find { it.name == 'redis' }.data.reason",
                    containsString("Redis unusable"));
            given().get(healthz()).then().statusCode(503);
            given().get(live).then().statusCode(200);
        } finally {
            TestInfra.redis().restart();
        }
    }

    @Test
    void coordinatorRefusingTheKeyIsNotReadyWithTheReason() {
        TestInfra.simulator().faults().inject(Endpoint.HEARTBEAT,
                Fault.status(401, "{\"detail\":\"Invalid API key\"}", 3));

        awaitStatus(ready, 503);
        given().get(ready).then().body("checks.find { it.name == 'coordinator' }.data.reason",
                containsString("coordinator refused the API key"));
        given().get(live).then().statusCode(200);
    }

    private static void awaitStatus(URL url, int status) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get(url).statusCode() == status);
    }
}
