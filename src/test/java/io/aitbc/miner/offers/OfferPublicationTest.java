package io.aitbc.miner.offers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.testing.PresenceInfra;
import io.aitbc.miner.testing.PresenceProfile;
import io.aitbc.miner.testing.TestInfra;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The publisher against the marketplace stand-in (aitbc-peer-features.md §5, D43): the CLI's upsert body for services
 * probed healthy only, nothing sent while nothing changed, an offer sent inactive when its service goes down and again
 * when the marketplace lost it.
 */
@QuarkusTest
@TestProfile(PresenceProfile.class)
@WithTestResource(value = TestInfra.class, scope = TestResourceScope.GLOBAL)
class OfferPublicationTest {

    private static final String OLLAMA = "ollama-llama3.2-3b-" + TestInfra.MINER_ID;
    private static final String WHISPER = "whisper-base-" + TestInfra.MINER_ID;
    private static final String FFMPEG = "ffmpeg-h264-transcode-" + TestInfra.MINER_ID;

    private final MarketplaceStandIn marketplace = PresenceInfra.marketplace();

    @AfterEach
    void whisperUp() {
        PresenceInfra.whisper().up(true);
    }

    @Test
    void servicesProbedHealthyArePublishedWithTheCliFields() {
        await().atMost(Duration.ofSeconds(20)).until(() -> List.of(OLLAMA, WHISPER, FFMPEG).stream()
                .allMatch(id -> marketplace.offer(id).isPresent()));

        JsonNode sent = lastUpsert(OLLAMA);
        assertThat(sent.get("service_type").asText()).isEqualTo("ollama");
        assertThat(sent.get("model").asText()).isEqualTo(TestInfra.MODEL);
        assertThat(sent.get("price").isNumber()).isTrue();
        assertThat(sent.get("price").decimalValue()).isEqualByComparingTo("0.001");
        assertThat(sent.get("price_unit").asText()).isEqualTo("per_1k_tokens");
        assertThat(sent.get("endpoint").asText()).isEqualTo(TestInfra.ollama().url());
        assertThat(sent.get("public_endpoint").asText()).isEqualTo("https://shop.example/ollama");
        assertThat(sent.get("health_url").asText()).isEqualTo(TestInfra.ollama().url() + "/api/tags");
        assertThat(sent.get("provider_address").asText()).startsWith("ait1provider");
        assertThat(sent.get("node_id").asText()).isEqualTo(TestInfra.MINER_ID);
        assertThat(sent.get("deployment_type").asText()).isEqualTo("local");
        assertThat(sent.get("gpu_name").asText()).isEqualTo("NVIDIA GeForce RTX 4090");
        assertThat(sent.get("gpu_uuid").asText()).isEqualTo(PresenceInfra.GPU);
        assertThat(sent.get("status").asText()).isEqualTo("active");
        assertThat(sent.get("offer_id").asText()).startsWith("sw_offer_");
        assertThat(marketplace.offer(OLLAMA).orElseThrow().get("price").asText()).isEqualTo("0.00100000");
        assertThat(lastUpsert(WHISPER).get("endpoint").asText()).isEqualTo(PresenceInfra.whisper().url());
        assertThat(marketplace.upserts()).as("the model Ollama does not have is never offered")
                .noneMatch(r -> r.body().path("model").asText().equals("not-installed:7b"));
    }

    @Test
    void nothingIsSentAgainWhileNothingChanged() {
        await().atMost(Duration.ofSeconds(20)).until(() -> marketplace.offer(FFMPEG).isPresent());
        int sent = marketplace.upserts().size();

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> marketplace.upserts().size() == sent);
    }

    @Test
    void aServiceGoingDownSendsItsOfferInactiveThenActiveAgain() {
        await().atMost(Duration.ofSeconds(20)).until(() -> marketplace.offer(WHISPER).isPresent());

        PresenceInfra.whisper().up(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> "inactive".equals(status(WHISPER)));
        PresenceInfra.whisper().up(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> "active".equals(status(WHISPER)));
    }

    @Test
    void anOfferTheMarketplaceLostIsPublishedAgain() {
        await().atMost(Duration.ofSeconds(20)).until(() -> marketplace.offer(OLLAMA).isPresent());

        marketplace.resetDatabase();

        await().atMost(Duration.ofSeconds(10)).until(() -> marketplace.offer(OLLAMA).isPresent()
                && marketplace.offer(FFMPEG).isPresent());
    }

    private String status(String pluginId) {
        return marketplace.offer(pluginId).map(o -> o.path("status").asText()).orElse("");
    }

    private JsonNode lastUpsert(String pluginId) {
        return marketplace.upserts().stream().filter(r -> r.body().path("plugin_id").asText().equals(pluginId))
                .reduce((a, b) -> b).orElseThrow().body();
    }
}
