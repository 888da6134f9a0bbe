package io.aitbc.miner.result;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Removes every key that could set a bill from job output before it enters a result (D20). */
final class BillingKeys {

    static final Set<String> KEYS = Set.of("units", "unit_type", "unit_price", "price", "aitbc_earned", "cost");

    private BillingKeys() {
    }

    /** {@code node} without billing keys at any depth (changed in place). */
    static JsonNode strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(KEYS);
        }
        node.forEach(BillingKeys::strip);
        return node;
    }
}
