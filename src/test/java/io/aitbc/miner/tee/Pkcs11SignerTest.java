package io.aitbc.miner.tee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.aitbc.miner.config.InvalidConfigException;

/**
 * {@code key} mode with a PKCS#11 token: SoftHSM2 tokens created by the test, reached through the JDK's PKCS#11
 * wrapper with {@code CKM_EDDSA}. The token holds the §3.4 vector's key, so its signature must be the vector's.
 */
class Pkcs11SignerTest {

    private static final String PIN = "4711-pin";
    private static final String LABEL = "aitbc-tee";
    private static SoftHsm hsm;

    /** The configuration members of one token, as {@code MINER_TEE_PKCS11_*} would set them. */
    private record Token(Optional<Path> library, Optional<Long> slot, Optional<Path> pinFile, String keyLabel)
            implements
                TeeConfig.Pkcs11 {
    }

    @BeforeAll
    static void tokens() throws Exception {
        hsm = SoftHsm.create();
        hsm.token("aitbc-test", PIN);
        hsm.importEd25519("aitbc-test", PIN, DerivedKeySigner.seed("enclave-A"), LABEL);
        hsm.token("aitbc-locked", "other-pin");
        hsm.importEd25519("aitbc-locked", "other-pin", DerivedKeySigner.seed("locked"), "locked-key");
    }

    @Test
    void theTokenSignsTheVectorByteForByte() throws Exception {
        Pkcs11Signer signer = new Pkcs11Signer(token(LABEL, PIN));
        QuoteEnvelope unsigned = QuoteEnvelope.unsigned(QuoteEnvelopeTest.JOB,
                new QuoteTarget("enclave-A", "enclave-A"), QuoteEnvelopeTest.AT);

        QuoteSigner.Signed signed = signer.sign("enclave-A", unsigned.signingPayload());

        assertThat(Base64.getEncoder().encodeToString(signed.signature())).isEqualTo(QuoteEnvelopeTest.SIGNATURE);
        assertThat(Base64.getEncoder().encodeToString(signed.publicKey())).isEqualTo(QuoteEnvelopeTest.PUBLIC_KEY);
        assertThat(signer.describe()).contains(LABEL).contains(QuoteEnvelopeTest.PUBLIC_KEY).doesNotContain(PIN);
    }

    @Test
    void quotesMadeWithTheTokenAreTheVectorsEnvelope() throws Exception {
        TeeQuotes quotes = new TeeQuotes(TeeMode.KEY, Optional.of(new Pkcs11Signer(token(LABEL, PIN))),
                Clock.fixed(QuoteEnvelopeTest.AT, ZoneOffset.UTC));

        Optional<String> quote = quotes.quoteFor(QuoteEnvelopeTest.JOB,
                new ObjectMapper().createObjectNode().put("tee_enclave_id", "enclave-A"));

        assertThat(quote).map(q -> new String(Base64.getDecoder().decode(q))).contains(QuoteEnvelopeTest.JSON);
    }

    @Test
    void aSlotNamedByConfigurationIsUsed() throws Exception {
        Pkcs11Signer any = new Pkcs11Signer(token(LABEL, PIN));
        long slot = Long.parseLong(any.describe().replaceAll(".* in slot (\\d+),.*", "$1"));

        Token named = new Token(Optional.of(hsm.library()), Optional.of(slot), Optional.of(hsm.pinFile(PIN)), LABEL);

        assertThat(new Pkcs11Signer(named).sign("", new byte[] { 1 }).signature()).hasSize(64);
    }

    @Test
    void aWrongPinStopsStartUpWithoutShowingIt() throws Exception {
        assertThatThrownBy(() -> new Pkcs11Signer(token("locked-key", "1234-wrong")))
                .isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("MINER_TEE_PKCS11_PIN_FILE: ")
                .hasMessageContaining("CKR_PIN_INCORRECT").hasMessageNotContaining("1234-wrong");
    }

    @Test
    void anUnknownLabelStopsStartUpNamingTheVariable() {
        assertThatThrownBy(() -> new Pkcs11Signer(token("no-such-key", PIN)))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("MINER_TEE_PKCS11_KEY_LABEL");
    }

    private static Token token(String label, String pin) throws Exception {
        return new Token(Optional.of(hsm.library()), Optional.empty(), Optional.of(hsm.pinFile(pin)), label);
    }
}
