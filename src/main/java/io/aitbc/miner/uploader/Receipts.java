package io.aitbc.miner.uploader;

import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aitbc.miner.config.InvalidConfigException;
import io.aitbc.miner.coordinator.CoordinatorConfig;
import io.aitbc.miner.queue.StoredReceipt;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * Prepares a coordinator receipt for keeping: its id, and whether its Ed25519 signature verifies against the key the
 * operator configured ({@code MINER_COORDINATOR_RECEIPT_KEY}). An invalid receipt is logged and kept, never fatal.
 */
@Startup
@ApplicationScoped
class Receipts {

    private static final Pattern RECEIPT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final ObjectMapper json;
    private final Optional<ReceiptVerifier> verifier;

    Receipts(ObjectMapper json, CoordinatorConfig config) {
        this.json = json;
        this.verifier = config.receiptKey().map(Receipts::verifier);
    }

    private static ReceiptVerifier verifier(String key) {
        try {
            return new ReceiptVerifier(key.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("MINER_COORDINATOR_RECEIPT_KEY", e.getMessage());
        }
    }

    Optional<StoredReceipt> store(String receiptJson) {
        JsonNode receipt;
        try {
            receipt = json.readTree(receiptJson);
        } catch (JsonProcessingException e) {
            Log.warn("Coordinator sent an unreadable receipt; not kept");
            return Optional.empty();
        }
        String id = receipt.path("receipt_id").asText("");
        if (!RECEIPT_ID.matcher(id).matches()) {
            Log.warn("Coordinator sent a receipt without a usable receipt_id; not kept");
            return Optional.empty();
        }
        String verified = verifier.map(v -> Boolean.toString(v.verify(receiptJson))).orElse("unchecked");
        if ("false".equals(verified)) {
            Log.warnf("Receipt %s does not verify with the configured coordinator key", id);
        }
        JsonNode price = receipt.path("price");
        return Optional.of(new StoredReceipt(id, receiptJson, verified,
                price.isNumber() ? Optional.of(price.decimalValue()) : Optional.empty()));
    }
}
