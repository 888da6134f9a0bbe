package io.aitbc.miner.metrics;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.aitbc.miner.job.OfferAnswered;
import io.aitbc.miner.job.PoolHubCallAnswered;
import io.aitbc.miner.job.TeeQuoteAnswered;
import io.aitbc.miner.telemetry.MeterNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Meters of the agent's AITBC presence (D42, D43), recorded from events: TEE statuses of receipts, pool-hub calls and
 * marketplace offer upserts. A TEE status outside the coordinator's known words ({@code error: …} carries free text)
 * is counted as {@code other}. The usual series exist from start.
 */
@Startup
@ApplicationScoped
public class PresenceMetrics {

    private final MeterRegistry registry;

    PresenceMetrics(MeterRegistry registry) {
        this.registry = registry;
        List.of("verified", "attestation_rejected").forEach(this::tee);
        List.of("register", "heartbeat").forEach(call -> poolHub(call, "2xx"));
        List.of("ollama", "whisper", "ffmpeg").forEach(service -> offer(service, "2xx"));
    }

    void teeAnswered(@Observes TeeQuoteAnswered event) {
        tee(event.status()).increment();
    }

    void poolHubAnswered(@Observes PoolHubCallAnswered event) {
        poolHub(event.call(), event.outcome()).increment();
    }

    void offerAnswered(@Observes OfferAnswered event) {
        offer(event.serviceType(), event.outcome()).increment();
    }

    private Counter tee(String status) {
        return Counter.builder(MeterNames.TEE_QUOTES).description("TEE statuses of the coordinator's receipts")
                .tag(MeterNames.STATUS, TeeQuoteAnswered.label(status)).register(registry);
    }

    private Counter poolHub(String call, String outcome) {
        return Counter.builder(MeterNames.POOL_HUB_REQUESTS).description("Pool-hub calls").tag(MeterNames.CALL, call)
                .tag(MeterNames.OUTCOME, outcome).register(registry);
    }

    private Counter offer(String serviceType, String outcome) {
        return Counter.builder(MeterNames.OFFER_PUBLICATIONS).description("Marketplace offer upserts")
                .tag(MeterNames.SERVICE_TYPE, serviceType).tag(MeterNames.OUTCOME, outcome).register(registry);
    }
}
