package io.aitbc.miner.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.aitbc.miner.inference.DeepProbe;
import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.SimJobState;
import io.aitbc.miner.testing.TestInfra;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/** Every metric the README lists is exposed (D37), with bounded labels (D28). */
@QuarkusTest
@WithTestResource(value = TestInfra.class, scope = TestResourceScope.GLOBAL)
class MetricsTest {

    private final CoordinatorSimulator sim = TestInfra.simulator();

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Inject
    DeepProbe probe;

    @Test
    void everyMetricTheReadmeListsIsExposed() {
        List<ReadmeMetrics.Row> rows = ReadmeMetrics.rows();
        assertThat(rows).as("rows of the README metric table").hasSizeGreaterThan(10);
        String scrape = scrape();
        assertThat(rows).filteredOn(r -> r.when().equals(ReadmeMetrics.ALWAYS))
                .allSatisfy(r -> assertThat(ReadmeMetrics.exposed(scrape, r.name())).as(r.name()).isTrue());
        assertThat(rows).extracting(ReadmeMetrics.Row::when).containsOnly(ReadmeMetrics.ALWAYS, ReadmeMetrics.WITH_GPU,
                ReadmeMetrics.ONCE_MEASURED);
        // the test agent's models are benchmarked at start-up (D41), or by a later round where a job held their backend
        // then (the other test's jobs may): their series follow within a gauge refresh
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(rows)
                .filteredOn(r -> r.when().equals(ReadmeMetrics.ONCE_MEASURED))
                .allSatisfy(r -> assertThat(ReadmeMetrics.exposed(scrapeAfterARound(), r.name())).as(r.name())
                        .isTrue()));
    }

    private String scrapeAfterARound() throws InterruptedException {
        probe.round();
        return scrape();
    }

    @Test
    void jobsAreCountedWithBoundedLabelsAndNeverAJobId() {
        String ok = sim.submit(inference(TestInfra.MODEL));
        String unknownModel = sim.submit(inference("hostile\"model{name}"));
        await().atMost(Duration.ofSeconds(30)).until(() -> ended(ok) && ended(unknownModel));

        await().atMost(Duration.ofSeconds(10)).until(() -> scrape().contains(
                "miner_inference_tokens_per_second_count{model=\"" + TestInfra.MODEL + "\""));
        String scrape = scrape();
        assertThat(scrape).contains("miner_jobs_total{error_code=\"E_MODEL\",outcome=\"fail\",type=\"inference\"")
                .contains("miner_jobs_total{error_code=\"none\",outcome=\"result\",type=\"inference\"")
                .contains("miner_queue_jobs{state=\"dead\"")
                .contains("miner_jobs_running{slot=\"inference\"")
                .contains("miner_coordinator_request_seconds_count{endpoint=\"poll\",status=\"2xx\"")
                .doesNotContain(ok).doesNotContain(unknownModel).doesNotContain("hostile");
    }

    private String scrape() {
        return given().get(metrics).then().statusCode(200).extract().asString();
    }

    private boolean ended(String id) {
        return sim.job(id).map(j -> j.state() == SimJobState.COMPLETED || j.state() == SimJobState.FAILED)
                .orElse(false);
    }

    private static JsonObject inference(String model) {
        return new JsonObject().put("type", "inference").put("model", model).put("prompt", "count me");
    }
}
