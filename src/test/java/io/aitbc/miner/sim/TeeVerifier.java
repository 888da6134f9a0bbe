package io.aitbc.miner.sim;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The coordinator's TEE decision for a {@code /result} (aitbc-peer-features.md §3.3: ROUTER L119-202, TEESVC L84-118,
 * QUOTE L114-243), written from the spec and independent of the agent's own quote code, so that a test through the
 * simulator checks the agent against the coordinator and not against itself. The quote is parsed as Python does
 * (lenient base64, {@code fromisoformat}, a naive time read as UTC) and its signature checked over the fields as
 * {@code isoformat()} writes them again, with the public key the quote carries.
 */
public final class TeeVerifier {

    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private TeeVerifier() {
    }

    /**
     * The receipt's TEE fields.
     *
     * @param status {@code tee_status}
     * @param attestationId {@code tee_attestation_id} of a verified quote, or null
     * @param autoQuote the quote the coordinator made itself (no quote, no attestation id), or null
     */
    public record Decision(String status, String attestationId, String autoQuote) {
    }

    /** Whether the coordinator requires TEE for a job (the escrow threshold aside: the simulator has no payments). */
    public static boolean required(JsonNode constraints) {
        return constraints.path("tee_attestation_required").asBoolean(false)
                || constraints.path("confidential").asBoolean(false) || !text(constraints, "tee_enclave_id").isEmpty()
                || !text(constraints, "required_enclave_measurement").isEmpty();
    }

    /** The decision for a job's constraints and a {@code /result} body, at {@code now}. */
    public static Decision decide(String jobId, JsonNode constraints, JsonNode body, Instant now) {
        if (!required(constraints)) {
            return new Decision("not_required", null, null);
        }
        String e = text(constraints, "tee_enclave_id");
        e = e.isEmpty() ? text(constraints, "required_enclave_measurement") : e;
        String m = text(constraints, "required_enclave_measurement");
        m = m.isEmpty() ? e : m;
        if (!text(body, "tee_attestation_id").isEmpty()) {
            return new Decision("attestation_not_found", null, null);
        }
        String quote = text(body, "tee_quote");
        if (quote.isEmpty()) {
            String enclave = e.isEmpty() ? "high-value-" + jobId : e;
            return new Decision("verified", attestationId(), "sim-auto-quote:" + enclave);
        }
        String expectedEnclave = e.isEmpty() ? "unknown" : e;
        String expectedMeasurement = !m.isEmpty() ? m : expectedEnclave;
        if (!valid(quote, expectedEnclave, expectedMeasurement, now)) {
            return new Decision("attestation_rejected", null, null);
        }
        if (!e.isEmpty() && !m.equals(e)) {
            return new Decision("enclave_mismatch", null, null);
        }
        return new Decision("verified", attestationId(), null);
    }

    /** {@code _validate_quote}: parsable, the expected enclave and measurement, valid, unexpired, a blob, signed. */
    public static boolean valid(String wire, String expectedEnclave, String expectedMeasurement, Instant now) {
        try {
            JsonNode quote = PythonJson.parse(new String(b64decode(wire), UTF_8));
            OffsetDateTime timestamp = fromisoformat(quote.get("timestamp").asText());
            OffsetDateTime expiresAt = fromisoformat(quote.get("expires_at").asText());
            byte[] blob = b64decode(quote.get("quote_blob").asText());
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            payload.writeBytes((quote.get("quote_id").asText() + "|" + quote.get("enclave_id").asText() + "|"
                    + quote.get("measurement").asText() + "|").getBytes(UTF_8));
            payload.writeBytes(blob);
            payload.writeBytes(("|" + isoformat(timestamp) + "|" + isoformat(expiresAt)).getBytes(UTF_8));
            return quote.get("enclave_id").asText().equals(expectedEnclave)
                    && "valid".equals(quote.path("status").asText("valid")) && expiresAt.toInstant().isAfter(now)
                    && blob.length > 0
                    && verifies(b64decode(quote.get("public_key").asText()), payload.toByteArray(),
                            b64decode(quote.get("signature").asText()))
                    && quote.get("measurement").asText().equals(expectedMeasurement);
        } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
            return false;
        }
    }

    /** Python's {@code base64.b64decode} without {@code validate}: characters outside the alphabet are dropped. */
    static byte[] b64decode(String text) {
        return Base64.getDecoder().decode(text.replaceAll("[^A-Za-z0-9+/=]", ""));
    }

    /** Python 3.11's {@code datetime.fromisoformat}, a naive time taken as UTC (the coordinator's own rule). */
    static OffsetDateTime fromisoformat(String text) {
        String t = text.endsWith("Z") ? text.substring(0, text.length() - 1) + "+00:00" : text;
        try {
            return OffsetDateTime.parse(t);
        } catch (DateTimeParseException naive) {
            return LocalDateTime.parse(t).atOffset(ZoneOffset.UTC);
        }
    }

    /** Python's {@code isoformat()} of an aware time: microseconds (six digits) only when not zero. */
    static String isoformat(OffsetDateTime time) {
        int micros = time.getNano() / 1000;
        return JobViews.isoNaive(time.toLocalDateTime().withNano(0)) + (micros == 0 ? "" : ".%06d".formatted(micros))
                + (time.getOffset().getTotalSeconds() == 0 ? "+00:00" : time.getOffset().getId());
    }

    private static boolean verifies(byte[] rawKey, byte[] payload, byte[] signature) {
        if (rawKey.length != 32) {
            return false;
        }
        try {
            byte[] der = new byte[X509_PREFIX.length + 32];
            System.arraycopy(X509_PREFIX, 0, der, 0, X509_PREFIX.length);
            System.arraycopy(rawKey, 0, der, X509_PREFIX.length, 32);
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
            ed25519.update(payload);
            return ed25519.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String attestationId() {
        return "ta_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.path(name);
        return value.isTextual() ? value.asText() : "";
    }
}
