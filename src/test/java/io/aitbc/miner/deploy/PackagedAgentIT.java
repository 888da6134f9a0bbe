package io.aitbc.miner.deploy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.aitbc.miner.testing.TestInfra;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged agent, as the images ship it, starts against the test infrastructure (real Redis, coordinator
 * simulator, fake Ollama), registers, and answers the probes and the scrape the Kubernetes manifests use on the
 * management port. {@code ./mvnw verify} runs it against the fast-jar; {@code ./mvnw verify -Dnative} runs the same
 * class against the native executable on a machine with Mandrel.
 */
@QuarkusIntegrationTest
@WithTestResource(value = TestInfra.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(PackagedAgentPorts.class)
class PackagedAgentIT {

    @Test
    void registersAndAnswersTheManifestsProbesAndScrape() {
        await("registration with the simulator").atMost(Duration.ofSeconds(60))
                .until(() -> TestInfra.simulator().miner(TestInfra.MINER_ID).isPresent());

        for (String probe : new String[] { "started", "live", "ready" }) {
            await("/q/health/" + probe + " UP").atMost(Duration.ofSeconds(30)).untilAsserted(
                    () -> given().get(PackagedAgentPorts.managementRoot() + "/health/" + probe).then().statusCode(200)
                            .body("status", equalTo("UP")));
        }
        given().get(PackagedAgentPorts.managementRoot() + "/metrics").then().statusCode(200).body(containsString("# TYPE"));
    }
}
