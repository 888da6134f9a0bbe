package io.aitbc.miner.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
import io.vertx.core.json.JsonObject;

/**
 * The operator console (D45) in a real browser: Debian's {@code chromium} driven by {@code playwright-core}
 * ({@code src/test/console/console-test.mjs}) against this agent. Without chromium or the npm package the browser part
 * is skipped with a warning, and fails when {@code CI=true} ({@code .ci/run} installs both). Screenshots are kept in
 * {@code target/console-screenshots/}.
 */
@QuarkusTest
@WithTestResource(value = TestInfra.class, scope = TestResourceScope.GLOBAL)
class ConsoleBrowserTest {

    private static final Path SCRIPT_DIR = Path.of("src/test/console");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SHOTS = Path.of("target/console-screenshots");
    private static final String REFUSED = "{\"detail\":\"Job not in a state to accept results\"}";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final CoordinatorSimulator sim = TestInfra.simulator();

    @TestHTTPResource("/console")
    URL console;

    @AfterEach
    void restore() {
        sim.faults().clear();
    }

    @Test
    void thePageNeedsNoTokenButItsDataDoes() {
        given().get("/console").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .body(containsString("/console/console.js"));
        given().get("/console/console.js").then().statusCode(200).body(containsString("sessionStorage"));
        given().get("/console/secrets.txt").then().statusCode(404);
        given().get("/admin/console").then().statusCode(401);
        given().auth().oauth2(TestInfra.ADMIN_TOKEN).get("/admin/console").then().statusCode(200)
                .body("miner_id", equalTo(TestInfra.MINER_ID)).body("redis.ok", equalTo(true))
                .body("queue", hasKey("dead")).body("slots[0].pool", equalTo("inference"))
                .body("totals.jobs", notNullValue()).body("hours.size()", equalTo(48));
        given().auth().oauth2(TestInfra.ADMIN_TOKEN).get("/admin/console/jobs?state=lost").then().statusCode(400);
        given().auth().oauth2(TestInfra.ADMIN_TOKEN).get("/admin/console/jobs?state=done&offset=0&limit=5").then()
                .statusCode(200).body("limit", equalTo(5));
    }

    @Test
    void anOperatorRetriesOneDeadJobAndDropsAnotherInChromium() throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        boolean ready = Files.isExecutable(CHROMIUM) && Files.isDirectory(SCRIPT_DIR.resolve("node_modules"));
        if (!ready) {
            System.err.println("WARNING: chromium or src/test/console/node_modules missing: browser test skipped"
                    + " (apt-get install -y chromium; cd src/test/console && npm ci)");
            assertThat(ci).as("CI has chromium and playwright-core (.ci/run installs them)").isFalse();
        }
        assumeTrue(ready);
        sim.faults().inject(Endpoint.RESULT, Fault.status(409, REFUSED, 2));
        String retry = sim.submit(inference("retry me in the console"));
        String drop = sim.submit(inference("drop me in the console"));
        await().atMost(WAIT).until(() -> dead(retry) && dead(drop));
        Files.createDirectories(SHOTS);
        Map<String, String> env = Map.of("CONSOLE_URL", console.toString(), "ADMIN_TOKEN", TestInfra.ADMIN_TOKEN,
                "RETRY_JOB", retry, "DROP_JOB", drop, "SHOTS", SHOTS.toAbsolutePath().toString());

        script(env, "");
        SimJob retried = sim.job(retry).orElseThrow();
        assertThat(retried.state()).isEqualTo(SimJobState.COMPLETED);
        assertThat(retried.reports()).hasSize(1);
        assertThat(sim.job(drop).orElseThrow().error()).isEqualTo("E_INTERNAL: dropped by operator");

        TestInfra.redis().kill();
        try {
            script(env, "outage");
        } finally {
            TestInfra.redis().restart();
        }
        script(env, "recovered");
        for (String shot : List.of("console.png", "console-dead.png", "console-phone.png", "console-refused.png",
                "console-redis-down.png", "console-redis-back.png")) {
            assertThat(SHOTS.resolve(shot)).as(shot).isNotEmptyFile();
        }
    }

    /** Runs {@code console-test.mjs} in {@code mode} ('' for the operator's round) and expects it to pass. */
    private static void script(Map<String, String> env, String mode) throws IOException, InterruptedException {
        Path log = SHOTS.resolve("console-test" + (mode.isEmpty() ? "" : "-" + mode) + ".log");
        ProcessBuilder script = new ProcessBuilder("node", "console-test.mjs").directory(SCRIPT_DIR.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        script.environment().putAll(env);
        script.environment().put("MODE", mode);
        Process node = script.start();
        boolean ended = node.waitFor(3, TimeUnit.MINUTES);
        if (!ended) {
            node.destroyForcibly();
        }
        assertThat(ended && node.exitValue() == 0).as("console-test.mjs %s:%n%s", mode, Files.readString(log)).isTrue();
    }

    private boolean dead(String id) {
        return "dead".equals(given().auth().oauth2(TestInfra.ADMIN_TOKEN).get("/admin/jobs/" + id).path("state"));
    }

    private static JsonObject inference(String prompt) {
        return new JsonObject().put("type", "inference").put("model", TestInfra.MODEL).put("prompt", prompt);
    }
}
