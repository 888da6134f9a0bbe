package io.aitbc.miner.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.net.URL;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.Endpoint;
import io.aitbc.miner.sim.Fault;
import io.aitbc.miner.sim.SimJob;
import io.aitbc.miner.sim.SimJobState;
import io.aitbc.miner.testing.TestInfra;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;

/** The admin API (D27): bearer token, queue inspection, dead-job retry and drop (D10), pause, drain. */
@QuarkusTest
@WithTestResource(value = TestInfra.class, scope = TestResourceScope.GLOBAL)
class AdminApiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String REFUSED = "{\"detail\":\"Job not in a state to accept results\"}";

    private final CoordinatorSimulator sim = TestInfra.simulator();

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @AfterEach
    void restore() {
        sim.faults().clear();
        TestInfra.ollama().options().generationTime(TestInfra.GENERATION);
        admin().delete("/admin/drain");
        admin().post("/admin/resume");
        await().atMost(WAIT).until(() -> given().get(ready).statusCode() == 200);
    }

    @Test
    void noTokenIs401WrongTokenIs403RightTokenIs200() {
        given().get("/admin").then().statusCode(401).header("WWW-Authenticate", "Bearer realm=\"miner-admin\"");
        given().auth().oauth2("not-the-token").get("/admin").then().statusCode(403);
        given().header("Authorization", "Basic dGVzdA==").get("/admin/jobs").then().statusCode(401);
        admin().get("/admin").then().statusCode(200).body("paused", equalTo(false));
        given().get("/admin/gpus").then().statusCode(401);
        admin().get("/admin/gpus").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void pauseMakesTheNodeNotReadyAndResumeUndoesIt() {
        admin().post("/admin/pause").then().statusCode(200).body("paused", equalTo(true));
        await().atMost(WAIT).until(() -> given().get(ready).statusCode() == 503);
        given().get(ready).then().body("checks.find { it.name == 'polling' }.data.reason", equalTo("polling paused"));
        admin().post("/admin/resume").then().statusCode(200).body("paused", equalTo(false));
    }

    @Test
    void drainingIsNotReadyAndRefusesResume() {
        TestInfra.ollama().options().generationTime(Duration.ofSeconds(8));
        String id = sim.submit(inference("held during the drain"));
        await().atMost(WAIT).until(() -> sim.job(id).map(j -> j.state() == SimJobState.RUNNING).orElse(false));

        admin().post("/admin/drain").then().statusCode(200).body("draining", equalTo(true));
        given().get(ready).then().statusCode(503)
                .body("checks.find { it.name == 'drain' }.data.reason", equalTo("draining (admin)"));
        admin().post("/admin/resume").then().statusCode(409);
        admin().delete("/admin/drain").then().statusCode(200).body("draining", equalTo(false));

        await().atMost(WAIT).until(() -> given().get(ready).statusCode() == 200);
        assertThat(awaitEnd(id).state()).isEqualTo(SimJobState.COMPLETED);
    }

    @Test
    void deadJobIsListedShownAndRetriedIntoOneReport() {
        String id = deadJob("retry me");

        admin().get("/admin/jobs?state=dead").then().statusCode(200).body("jobs", hasItem(id));
        admin().get("/admin/jobs/" + id).then().statusCode(200).body("state", equalTo("dead"));
        admin().post("/admin/jobs/" + id + "/retry").then().statusCode(200).body("state", equalTo("outbox"));
        admin().post("/admin/jobs/" + id + "/retry").then().statusCode(409);

        SimJob job = awaitEnd(id);
        assertThat(job.state()).isEqualTo(SimJobState.COMPLETED);
        assertThat(job.reports()).hasSize(1);
    }

    @Test
    void droppedDeadJobIsFailedAsDroppedByOperator() {
        String id = deadJob("drop me");

        admin().post("/admin/jobs/" + id + "/drop").then().statusCode(200).body("state", equalTo("outbox"));

        SimJob job = awaitEnd(id);
        assertThat(job.state()).isEqualTo(SimJobState.FAILED);
        assertThat(job.error()).isEqualTo("E_INTERNAL: dropped by operator");
        admin().get("/admin/jobs/" + id).then().statusCode(200).body("state", equalTo("done"));
    }

    @Test
    void unknownStatesAndJobsAreRefused() {
        admin().get("/admin/jobs?state=lost").then().statusCode(400);
        admin().get("/admin/jobs/no-such-job").then().statusCode(404);
        admin().get("/admin/jobs/..%2F..%2Fetc").then().statusCode(404);
    }

    /** A job whose result the coordinator refuses for good (409): the uploader buries it in {@code dead}. */
    private String deadJob(String prompt) {
        sim.faults().inject(Endpoint.RESULT, Fault.status(409, REFUSED, 1));
        String id = sim.submit(inference(prompt));
        await().atMost(WAIT).until(() -> "dead".equals(admin().get("/admin/jobs/" + id).path("state")));
        return id;
    }

    private SimJob awaitEnd(String id) {
        await().atMost(WAIT).until(() -> sim.job(id)
                .map(j -> j.state() == SimJobState.COMPLETED || j.state() == SimJobState.FAILED).orElse(false));
        return sim.job(id).orElseThrow();
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(TestInfra.ADMIN_TOKEN);
    }

    private static JsonObject inference(String prompt) {
        return new JsonObject().put("type", "inference").put("model", TestInfra.MODEL).put("prompt", prompt);
    }
}
