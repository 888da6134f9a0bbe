package io.aitbc.miner.tee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.config.InvalidConfigException;

/** The modes of D42 as the agent starts them, the key file, and a fresh quote at every upload. */
class TeeQuotesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** {@code MINER_TEE_*} as a test sets them. */
    private record Config(TeeMode mode, Optional<Path> keyFile, Pkcs11 pkcs11) implements TeeConfig {
    }

    /** A token as configured; none by default. */
    private record NoToken(Optional<Path> library, Optional<Long> slot, Optional<Path> pinFile, String keyLabel)
            implements
                TeeConfig.Pkcs11 {
        NoToken() {
            this(Optional.empty(), Optional.empty(), Optional.empty(), "aitbc-tee");
        }
    }

    private final ObjectNode enclaveA = JSON.createObjectNode().put("tee_enclave_id", "enclave-A");

    @Test
    void offByDefaultSendsNothing() {
        TeeQuotes quotes = new TeeQuotes(new Config(TeeMode.OFF, Optional.empty(), new NoToken()));

        assertThat(quotes.enabled()).isFalse();
        assertThat(quotes.quoteFor(QuoteEnvelopeTest.JOB, enclaveA)).isEmpty();
    }

    @Test
    void aJobThatAsksForNoQuoteGetsNone() {
        TeeQuotes quotes = new TeeQuotes(new Config(TeeMode.SIMULATE, Optional.empty(), new NoToken()));

        assertThat(quotes.quoteFor(QuoteEnvelopeTest.JOB, JSON.createObjectNode().put("confidential", true))).isEmpty();
    }

    @Test
    void aKeyFileSignsTheVectorWithItsKey() throws Exception {
        byte[] pkcs8 = KeyFactory.getInstance("Ed25519").generatePrivate(
                new EdECPrivateKeySpec(NamedParameterSpec.ED25519, DerivedKeySigner.seed("enclave-A"))).getEncoded();
        Path pem = Files.writeString(dir.resolve("tee.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pkcs8) + "\n-----END PRIVATE KEY-----\n");

        KeyFileSigner signer = new KeyFileSigner(pem);
        QuoteEnvelope unsigned = QuoteEnvelope.unsigned(QuoteEnvelopeTest.JOB, new QuoteTarget("enclave-A",
                "enclave-A"), QuoteEnvelopeTest.AT);

        assertThat(Base64.getEncoder().encodeToString(signer.sign("any", unsigned.signingPayload()).signature()))
                .isEqualTo(QuoteEnvelopeTest.SIGNATURE);
        assertThat(signer.describe()).contains(QuoteEnvelopeTest.PUBLIC_KEY);
    }

    @Test
    void keyModeNeedsExactlyOneKeySourceAndATokenItsPin() {
        Optional<Path> pem = Optional.of(dir.resolve("tee.pem"));
        Optional<Path> so = Optional.of(dir.resolve("libtoken.so"));
        Optional<Path> pin = Optional.of(dir.resolve("pin"));

        assertThat(new Config(TeeMode.KEY, Optional.empty(), new NoToken()).problems().list()).containsExactly(
                "miner.tee.key-file: MINER_TEE_MODE=key needs MINER_TEE_KEY_FILE or MINER_TEE_PKCS11_LIBRARY");
        assertThat(new Config(TeeMode.KEY, pem, new NoToken(so, Optional.empty(), pin, "k")).problems().list())
                .containsExactly("miner.tee.pkcs11.library: not together with MINER_TEE_KEY_FILE");
        assertThat(new Config(TeeMode.KEY, Optional.empty(), new NoToken(so, Optional.of(-1L), Optional.empty(), "k"))
                .problems().list()).containsExactly(
                        "miner.tee.pkcs11.pin-file: required with MINER_TEE_PKCS11_LIBRARY",
                        "miner.tee.pkcs11.slot: must not be negative");
        assertThat(new Config(TeeMode.KEY, pem, new NoToken()).problems().list()).isEmpty();
        assertThat(new Config(TeeMode.KEY, Optional.empty(), new NoToken(so, Optional.of(0L), pin, "k")).problems()
                .list()).isEmpty();
        assertThat(new Config(TeeMode.OFF, Optional.empty(), new NoToken()).problems().list()).isEmpty();
    }

    @Test
    void anUnreadableOrForeignKeyFileStopsStartUp() throws Exception {
        Path notAKey = Files.writeString(dir.resolve("x.pem"), "hello");

        assertThatThrownBy(() -> new KeyFileSigner(dir.resolve("missing.pem"))).isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("MINER_TEE_KEY_FILE: cannot read");
        assertThatThrownBy(() -> new KeyFileSigner(notAKey)).isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("MINER_TEE_KEY_FILE: not a PEM private key");
    }

    @Test
    void aReUploadAnHourLaterGetsAFreshQuote() {
        MutableClock clock = new MutableClock(QuoteEnvelopeTest.AT);
        TeeQuotes quotes = new TeeQuotes(TeeMode.SIMULATE, Optional.of(new DerivedKeySigner()), clock);

        String first = decoded(quotes.quoteFor(QuoteEnvelopeTest.JOB, enclaveA).orElseThrow());
        clock.now = clock.now.plus(Duration.ofHours(1)).plusSeconds(1);
        String second = decoded(quotes.quoteFor(QuoteEnvelopeTest.JOB, enclaveA).orElseThrow());

        assertThat(first).isEqualTo(QuoteEnvelopeTest.JSON);
        assertThat(second).contains("\"timestamp\":\"2026-01-02T04:04:06.678901+00:00\"")
                .contains("\"expires_at\":\"2026-01-02T05:04:06.678901+00:00\"");
    }

    private static String decoded(String wire) {
        return new String(Base64.getDecoder().decode(wire));
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
