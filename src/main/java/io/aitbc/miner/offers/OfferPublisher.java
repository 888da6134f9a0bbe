package io.aitbc.miner.offers;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.config.AgentIdentity;
import io.aitbc.miner.job.OfferAnswered;
import io.aitbc.miner.ollama.OllamaClient;
import io.aitbc.miner.ollama.OllamaConfig;
import io.aitbc.miner.probe.HardwareProbe;
import io.quarkus.logging.Log;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Publishes the offers of {@code MINER_OFFERS} with the marketplace's HTTP upsert (D43, aitbc-peer-features.md §5): no
 * CLI, no on-chain transaction. Every {@code MINER_OFFERS_INTERVAL}, on its own scheduler thread and never holding a
 * slot, it probes each offer's service; an offer is sent only when what it says changed (new, price, endpoint, or its
 * service went down, which sends it {@code inactive}) or the marketplace lost it. An offer whose service never was up
 * is never sent. A 429 waits for its {@code Retry-After}.
 */
@Startup
@ApplicationScoped
public class OfferPublisher {

    private final List<OfferSpec> offers;
    private final Optional<MarketplaceRestClient> marketplace;
    private final Optional<ServiceProbe> services;
    private final Optional<OfferDocument> document;
    private final HardwareProbe probe;
    private final Event<OfferAnswered> answered;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, ObjectNode> published = new ConcurrentHashMap<>();
    private final Map<String, String> states = new ConcurrentHashMap<>();
    private volatile Instant blockedUntil = Instant.EPOCH;
    private volatile boolean started;

    OfferPublisher(OffersConfig config, AgentIdentity identity, OllamaClient ollama, OllamaConfig ollamaConfig,
            HardwareProbe probe, ObjectMapper json, Event<OfferAnswered> answered) {
        this.offers = OfferSpec.parse(config.list().orElse(List.of()));
        this.probe = probe;
        this.answered = answered;
        if (offers.isEmpty()) {
            marketplace = Optional.empty();
            services = Optional.empty();
            document = Optional.empty();
            return;
        }
        URI base = URI.create(config.marketplaceUrl().orElseThrow().strip());
        marketplace = Optional.of(QuarkusRestClientBuilder.newBuilder().baseUri(base)
                .connectTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS).build(MarketplaceRestClient.class));
        services = Optional.of(new ServiceProbe(ollama, ollamaConfig, config, json));
        document = Optional.of(new OfferDocument(json, identity.minerId(), config));
        offers.forEach(offer -> states.put(document.get().pluginId(offer), "not probed yet"));
        Log.infof("Marketplace %s: %d offer(s), published while their services are up", base, offers.size());
    }

    /** Whether any offer is configured. */
    public boolean configured() {
        return !offers.isEmpty();
    }

    /** Each offer's state by {@code plugin_id}: published, unchanged, its service down, or the last failure. */
    public Map<String, String> states() {
        return Map.copyOf(states);
    }

    /**
     * Start-up is over: every other start-up observer ran (this one has the last priority), so this scheduler thread
     * no longer creates beans, such as the Redis data source, concurrently with the main thread.
     */
    void started(@Observes @Priority(Integer.MAX_VALUE) StartupEvent event) {
        started = true;
    }

    @Scheduled(every = "${miner.offers.interval:300s}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void publish() {
        if (!started) {
            return;
        }
        for (OfferSpec offer : offers) {
            if (clock.instant().isBefore(blockedUntil)) {
                return;
            }
            publish(offer);
        }
    }

    private void publish(OfferSpec offer) {
        String id = document.orElseThrow().pluginId(offer);
        boolean healthy = services.orElseThrow().healthy(offer);
        ObjectNode last = published.get(id);
        boolean wasActive = last != null && "active".equals(last.path("status").asText());
        if (!healthy && !wasActive) {
            if (!states.get(id).startsWith("service down")) {
                Log.infof("Offer %s not published: its %s service is not up", id, offer.service());
            }
            states.put(id, last == null ? "service down, never published" : "service down, published inactive");
            return;
        }
        ObjectNode body = document.get().body(offer, services.get(), probe.inventory().gpus().stream().findFirst(),
                healthy);
        if (body.equals(last) && !vanished(id)) {
            states.put(id, "published, unchanged");
            return;
        }
        send(offer, id, body);
    }

    /** Whether the marketplace no longer has an offer this publisher sent (a database reset). */
    private boolean vanished(String pluginId) {
        try (Response response = call(() -> marketplace.orElseThrow().get(pluginId))) {
            return response.getStatus() == 404;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void send(OfferSpec offer, String id, ObjectNode body) {
        int status;
        try (Response response = call(() -> marketplace.orElseThrow().upsert(body))) {
            status = response.getStatus();
            if (status == 429) {
                blockedUntil = clock.instant().plusSeconds(retryAfter(response));
            }
        } catch (RuntimeException e) {
            status = 0;
            states.put(id, "marketplace unreachable: " + (e.getCause() != null ? e.getCause() : e));
        }
        answered.fire(new OfferAnswered(offer.service(), status >= 200 && status < 300 ? "2xx"
                : status == 0 ? "none" : Integer.toString(status)));
        if (status >= 200 && status < 300) {
            published.put(id, body);
            states.put(id, "published " + body.path("status").asText());
            Log.infof("Offer %s published (%s %s %s, %s)", id, offer.price().toPlainString(), offer.unit(),
                    body.path("status").asText(), body.path("endpoint").asText());
        } else if (status != 0) {
            states.put(id, "marketplace answered " + status);
            Log.warnf("Marketplace refused offer %s (%d)", id, status);
        } else {
            Log.warnf("Offer %s not published: %s", id, states.get(id));
        }
    }

    private static long retryAfter(Response response) {
        try {
            return Math.max(1, Long.parseLong(response.getHeaderString("Retry-After").strip()));
        } catch (RuntimeException e) {
            return 60;
        }
    }

    private static Response call(Supplier<Response> request) {
        try {
            return request.get();
        } catch (WebApplicationException e) {
            return e.getResponse();
        }
    }
}
