package io.aitbc.miner.tee;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The enclave id and measurement a quote must carry for the coordinator to accept it (aitbc-peer-features.md §3.3). With
 * {@code E = tee_enclave_id or required_enclave_measurement} and {@code M = required_enclave_measurement or E}, the
 * coordinator expects the enclave {@code E or "unknown"} and the measurement {@code M or "unknown"}.
 *
 * @param enclaveId the quote's {@code enclave_id}
 * @param measurement the quote's {@code measurement}
 */
public record QuoteTarget(String enclaveId, String measurement) {

    /** What the coordinator compares with when a job names neither an enclave nor a measurement. */
    static final String UNKNOWN = "unknown";

    /**
     * Whether a job asks the miner for a quote: the production miner's trigger, {@code tee_attestation_required} or
     * {@code tee_enclave_id}. Other reasons for TEE (confidential, high value) leave the quote to the coordinator.
     */
    public static boolean requested(JsonNode constraints) {
        return constraints.path("tee_attestation_required").asBoolean(false)
                || text(constraints, "tee_enclave_id").isPresent();
    }

    /**
     * The target of a job that asks for a quote; empty when it asks for none, or when no quote can pass: an enclave id
     * and a measurement that are both set and differ (the coordinator would answer {@code enclave_mismatch}).
     */
    public static Optional<QuoteTarget> of(JsonNode constraints) {
        if (!requested(constraints)) {
            return Optional.empty();
        }
        Optional<String> enclave = text(constraints, "tee_enclave_id");
        Optional<String> measurement = text(constraints, "required_enclave_measurement");
        if (enclave.isPresent() && measurement.isPresent() && !enclave.equals(measurement)) {
            return Optional.empty();
        }
        String e = enclave.or(() -> measurement).orElse(UNKNOWN);
        return Optional.of(new QuoteTarget(e, measurement.orElse(e)));
    }

    /** A non-empty string member, as Python's truthiness reads it; anything else is absent. */
    private static Optional<String> text(JsonNode constraints, String name) {
        JsonNode value = constraints.path(name);
        return value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
    }
}
