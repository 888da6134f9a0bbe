package io.aitbc.miner.offers;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.probe.GpuDevice;

/**
 * The body of a marketplace upsert: the fields the production miner's CLI sends to {@code POST /v1/marketplace/offer}
 * (aitbc-peer-features.md §5.1, call 2), with two changes. The {@code plugin_id} is explicit and names this miner, so
 * another shop offering the same model does not overwrite this offer (the marketplace keys rows by
 * {@code service-model} otherwise), and the {@code offer_id} is stable, not a new timestamped id per run.
 */
final class OfferDocument {

    private final ObjectMapper json;
    private final String minerId;
    private final Optional<String> publicUrl;
    private final Optional<String> providerAddress;

    OfferDocument(ObjectMapper json, String minerId, OffersConfig config) {
        this.json = json;
        this.minerId = minerId;
        this.publicUrl = config.publicUrl().map(u -> u.strip().replaceAll("/+$", "")).filter(u -> !u.isEmpty());
        this.providerAddress = config.providerAddress().filter(a -> !a.isBlank());
    }

    /** {@code <service>-<model>-<miner id>} with {@code :} and {@code /} as {@code -}, as the marketplace writes keys. */
    String pluginId(OfferSpec offer) {
        return (offer.service() + "-" + offer.model() + "-" + minerId).replace(':', '-').replace('/', '-');
    }

    ObjectNode body(OfferSpec offer, ServiceProbe services, Optional<GpuDevice> gpu, boolean active) {
        ObjectNode body = json.createObjectNode();
        body.put("plugin_id", pluginId(offer));
        body.put("offer_id", "sw_offer_" + sha256(minerId + "|" + offer.service() + "|" + offer.model()).substring(0, 16));
        body.put("service_type", offer.service());
        body.put("model", offer.model());
        body.put("price", offer.price());
        body.put("price_unit", offer.unit());
        body.put("endpoint", services.endpoint(offer).toString());
        publicUrl.ifPresent(url -> body.put("public_endpoint", url + "/" + offer.service()));
        body.put("health_url", services.healthUrl(offer));
        providerAddress.ifPresent(address -> body.put("provider_address", address));
        body.put("node_id", minerId);
        body.put("deployment_type", offer.model().endsWith(":cloud") ? "cloud" : "local");
        gpu.ifPresent(g -> body.put("gpu_name", g.name()).put("gpu_uuid", g.uuid()));
        body.put("description", offer.service() + " " + offer.model() + " on AITBC miner " + minerId);
        body.put("status", active ? "active" : "inactive");
        return body;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
