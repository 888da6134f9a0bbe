package io.aitbc.miner.offers;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aitbc.miner.ollama.OllamaClient;
import io.aitbc.miner.ollama.OllamaConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/**
 * Whether the service behind an offer is up, as the production miner's CLI requires before it offers
 * (aitbc-peer-features.md §5.1): Ollama lists the model, the Whisper service's {@code /health} says
 * {@code ready:true}, the ffmpeg service's says {@code status:"ok"}. Never throws: a service that cannot be asked is
 * down. Made only when offers are on; {@link OffersConfig#problems} checked its URLs.
 */
final class ServiceProbe {

    private final OllamaClient ollama;
    private final Map<String, URI> local;
    private final Map<String, ServiceHealthRestClient> health;
    private final ObjectMapper json;

    ServiceProbe(OllamaClient ollama, OllamaConfig ollamaConfig, OffersConfig config, ObjectMapper json) {
        this.ollama = ollama;
        this.json = json;
        this.local = Map.of("ollama", ollamaConfig.url(), "whisper", URI.create(config.whisperUrl().strip()), "ffmpeg",
                URI.create(config.ffmpegUrl().strip()));
        this.health = Map.of("whisper", client(local.get("whisper"), config), "ffmpeg", client(local.get("ffmpeg"), config));
    }

    /** The local service an offer advertises. */
    URI endpoint(OfferSpec offer) {
        return local.get(offer.service());
    }

    /** Where its health is read. */
    String healthUrl(OfferSpec offer) {
        String base = endpoint(offer).toString().replaceAll("/+$", "");
        return base + ("ollama".equals(offer.service()) ? "/api/tags" : "/health");
    }

    /** Whether the offer's service is up and, for Ollama, has the model. */
    boolean healthy(OfferSpec offer) {
        return switch (offer.service()) {
            case "ollama" -> ollama.listModels().names().contains(offer.model());
            case "whisper" -> answer(health.get("whisper")).path("ready").asBoolean(false);
            case "ffmpeg" -> "ok".equals(answer(health.get("ffmpeg")).path("status").asText());
            default -> false;
        };
    }

    private JsonNode answer(ServiceHealthRestClient client) {
        try (Response response = client.health()) {
            return response.getStatus() == 200 ? json.readTree(response.readEntity(String.class)) : json.nullNode();
        } catch (RuntimeException | IOException e) {
            return json.nullNode();
        }
    }

    private static ServiceHealthRestClient client(URI base, OffersConfig config) {
        return QuarkusRestClientBuilder.newBuilder().baseUri(base)
                .connectTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS).build(ServiceHealthRestClient.class);
    }
}
