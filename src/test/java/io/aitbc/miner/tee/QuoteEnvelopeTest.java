package io.aitbc.miner.tee;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The test vector of aitbc-peer-features.md §3.4, computed with the coordinator's own Python code, from the JDK. */
class QuoteEnvelopeTest {

    static final String JOB = "0123456789abcdef0123456789abcdef";
    static final Instant AT = Instant.parse("2026-01-02T03:04:05.678901Z");
    static final String PUBLIC_KEY = "C03lYlAjR9qxCEJfHOmodq0X2XE499B1RJrm14ymyF4=";
    static final String SIGNATURE = "1SSbbVRHJEjZKDbvl7QX3iLpHykOPbnrZDqovd/TiIuRHoGK7HBcqIJZoZQtIfg+OQ1uQrFL0lxxBjJtbq6cBg==";
    static final String PAYLOAD = "tee-0123456789abcdef0123456789abcdef-enclave-A-2026-01-02T03:04:05.678901+00:00"
            + "|enclave-A|enclave-A|0123456789abcdef0123456789abcdef|2026-01-02T03:04:05.678901+00:00"
            + "|2026-01-02T04:04:05.678901+00:00";
    static final String JSON = "{\"enclave_id\":\"enclave-A\",\"expires_at\":\"2026-01-02T04:04:05.678901+00:00\","
            + "\"measurement\":\"enclave-A\",\"meta\":{},\"public_key\":\"C03lYlAjR9qxCEJfHOmodq0X2XE499B1RJrm14ymyF4=\","
            + "\"quote_blob\":\"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\",\"quote_id\":"
            + "\"tee-0123456789abcdef0123456789abcdef-enclave-A-2026-01-02T03:04:05.678901+00:00\",\"signature\":"
            + "\"1SSbbVRHJEjZKDbvl7QX3iLpHykOPbnrZDqovd/TiIuRHoGK7HBcqIJZoZQtIfg+OQ1uQrFL0lxxBjJtbq6cBg==\","
            + "\"status\":\"valid\",\"timestamp\":\"2026-01-02T03:04:05.678901+00:00\"}";

    private final QuoteTarget enclaveA = new QuoteTarget("enclave-A", "enclave-A");

    @Test
    void theDerivedSeedIsSha256OfTheEnclaveId() {
        assertThat(HexFormat.of().formatHex(DerivedKeySigner.seed("enclave-A")))
                .isEqualTo("cb25e0ee213b46176e1c5126d889faee5ecc97b40db4044f21ca56c57fb86589");
    }

    @Test
    void theSigningPayloadIsByteForByteTheVector() {
        assertThat(new String(QuoteEnvelope.unsigned(JOB, enclaveA, AT).signingPayload(), UTF_8)).isEqualTo(PAYLOAD);
    }

    @Test
    void theSignatureAndTheEnvelopeAreByteForByteTheVector() {
        QuoteEnvelope unsigned = QuoteEnvelope.unsigned(JOB, enclaveA, AT);
        QuoteSigner.Signed signed = new DerivedKeySigner().sign("enclave-A", unsigned.signingPayload());

        assertThat(Base64.getEncoder().encodeToString(signed.publicKey())).isEqualTo(PUBLIC_KEY);
        assertThat(Base64.getEncoder().encodeToString(signed.signature())).isEqualTo(SIGNATURE);
        QuoteEnvelope quote = unsigned.signed(signed.signature(), signed.publicKey());
        assertThat(quote.json()).isEqualTo(JSON);
        assertThat(quote.wire()).hasSize(656).startsWith("eyJlbmNsYXZlX2lkIjoiZW5jbGF2ZS1BIiwi")
                .isEqualTo(Base64.getEncoder().encodeToString(JSON.getBytes(UTF_8)));
    }

    @Test
    void timestampsAreWrittenAsPythonIsoformatWrites() {
        assertThat(QuoteEnvelope.isoformat(Instant.parse("2026-01-02T03:04:05Z"))).isEqualTo("2026-01-02T03:04:05+00:00");
        assertThat(QuoteEnvelope.isoformat(Instant.parse("2026-01-02T03:04:05.678Z")))
                .isEqualTo("2026-01-02T03:04:05.678000+00:00");
        assertThat(QuoteEnvelope.isoformat(Instant.parse("2026-01-02T03:04:05.000001Z")))
                .isEqualTo("2026-01-02T03:04:05.000001+00:00");
    }

    @Test
    void nanosecondsAreCutToMicrosecondsBeforeSigning() {
        QuoteEnvelope quote = QuoteEnvelope.unsigned(JOB, enclaveA, Instant.parse("2026-01-02T03:04:05.000000999Z"));

        assertThat(quote.quoteId()).endsWith("-2026-01-02T03:04:05+00:00");
        assertThat(quote.expiresAt()).isEqualTo(Instant.parse("2026-01-02T04:04:05Z"));
    }

    @Test
    void stringsAreEscapedAsPythonJsonDumpsWithEnsureAscii() {
        QuoteEnvelope quote = QuoteEnvelope.unsigned(JOB, new QuoteTarget("é\"\\\n\u007f😀", "m"), AT);

        assertThat(quote.json()).contains("\"enclave_id\":\"\\u00e9\\\"\\\\\\n\\u007f\\ud83d\\ude00\"");
    }
}
