package io.aitbc.miner.tee;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * The AITBC attestation quote (aitbc-peer-features.md §3.2) as the coordinator's Python code parses and verifies it.
 * The wire form is standard base64 of {@code json.dumps(to_dict(), sort_keys=True, separators=(",", ":"))}; the
 * signature covers {@code quote_id|enclave_id|measurement|<raw blob>|timestamp|expires_at} with both times in
 * Python's {@code isoformat()}, which is also how they are written.
 *
 * @param quoteId {@code tee-<job id>-<enclave id>-<timestamp>}
 * @param enclaveId the enclave the coordinator expects
 * @param blob the report data: the job id's UTF-8 bytes
 * @param measurement the measurement the coordinator expects
 * @param timestamp when the quote was made, whole microseconds
 * @param expiresAt one hour later: the coordinator refuses an expired quote
 * @param signature the Ed25519 signature of {@link #signingPayload()}, empty before signing
 * @param publicKey the raw 32-byte Ed25519 public key that verifies it, empty before signing
 */
public record QuoteEnvelope(String quoteId, String enclaveId, byte[] blob, String measurement, Instant timestamp,
        Instant expiresAt, byte[] signature, byte[] publicKey) {

    /** How long a quote is valid, as the production miner makes them. */
    public static final Duration LIFETIME = Duration.ofHours(1);

    private static final Base64.Encoder B64 = Base64.getEncoder();

    /** An unsigned quote for a job, made at {@code now} (cut to microseconds, as Python keeps time). */
    public static QuoteEnvelope unsigned(String jobId, QuoteTarget target, Instant now) {
        Instant timestamp = now.truncatedTo(ChronoUnit.MICROS);
        String quoteId = "tee-" + jobId + "-" + target.enclaveId() + "-" + isoformat(timestamp);
        return new QuoteEnvelope(quoteId, target.enclaveId(), jobId.getBytes(UTF_8), target.measurement(), timestamp,
                timestamp.plus(LIFETIME), new byte[0], new byte[0]);
    }

    /** This quote with its signature and the public key that verifies it. */
    public QuoteEnvelope signed(byte[] signatureBytes, byte[] publicKeyBytes) {
        return new QuoteEnvelope(quoteId, enclaveId, blob, measurement, timestamp, expiresAt, signatureBytes.clone(),
                publicKeyBytes.clone());
    }

    /** The bytes the signature covers; strings UTF-8, the blob raw, nothing escaped. */
    public byte[] signingPayload() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((quoteId + "|" + enclaveId + "|" + measurement + "|").getBytes(UTF_8));
        out.writeBytes(blob);
        out.writeBytes(("|" + isoformat(timestamp) + "|" + isoformat(expiresAt)).getBytes(UTF_8));
        return out.toByteArray();
    }

    /** The JSON text before base64: keys sorted, compact, ASCII only. */
    public String json() {
        StringBuilder out = new StringBuilder(512).append('{');
        member(out, "enclave_id", enclaveId).append(',');
        member(out, "expires_at", isoformat(expiresAt)).append(',');
        member(out, "measurement", measurement).append(",\"meta\":{},");
        member(out, "public_key", B64.encodeToString(publicKey)).append(',');
        member(out, "quote_blob", B64.encodeToString(blob)).append(',');
        member(out, "quote_id", quoteId).append(',');
        member(out, "signature", B64.encodeToString(signature)).append(',');
        member(out, "status", "valid").append(',');
        member(out, "timestamp", isoformat(timestamp));
        return out.append('}').toString();
    }

    /** The {@code tee_quote} string of a {@code /result} body. */
    public String wire() {
        return B64.encodeToString(json().getBytes(UTF_8));
    }

    /**
     * Python's {@code datetime.isoformat()} of an aware UTC time: {@code YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00}, the
     * fraction exactly six digits and left out when the microseconds are 0, never {@code Z}.
     */
    public static String isoformat(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        String date = "%04d-%02d-%02dT%02d:%02d:%02d".formatted(t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond());
        int micros = t.getNano() / 1000;
        return date + (micros == 0 ? "" : ".%06d".formatted(micros)) + "+00:00";
    }

    private static StringBuilder member(StringBuilder out, String key, String value) {
        PythonJsonStrings.write(key, out, true);
        out.append(':');
        PythonJsonStrings.write(value, out, true);
        return out;
    }
}
