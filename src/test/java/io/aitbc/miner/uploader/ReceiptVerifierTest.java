package io.aitbc.miner.uploader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReceiptVerifierTest {

    private static final String BODY = "{\"version\":\"1.0\",\"job_id\":\"j1\",\"units\":11.846,\"price\":0.23692,"
            + "\"tiny\":1e-05,\"metadata\":{\"result\":{\"output\":\"caf\u00e9\",\"x\":null}},\"zk_status\":\"not_required\"";

    private KeyPair keys;
    private String keyId;

    @BeforeEach
    void keys() throws GeneralSecurityException {
        keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        keyId = rawKey(keys);
    }

    @Test
    void goodSignatureVerifies() throws GeneralSecurityException {
        assertThat(new ReceiptVerifier(keyId).verify(signed(BODY, keyId, keys))).isTrue();
    }

    @Test
    void tamperedFieldFails() throws GeneralSecurityException {
        String receipt = signed(BODY, keyId, keys).replace("0.23692", "0.23693");

        assertThat(new ReceiptVerifier(keyId).verify(receipt)).isFalse();
    }

    @Test
    void unsignedFieldsMayChange() throws GeneralSecurityException {
        String receipt = signed(BODY, keyId, keys).replace("not_required", "verified");

        assertThat(new ReceiptVerifier(keyId).verify(receipt)).isTrue();
    }

    @Test
    void receiptOfAnotherKeyFails() throws GeneralSecurityException {
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();

        assertThat(new ReceiptVerifier(keyId).verify(signed(BODY, rawKey(other), other))).isFalse();
        assertThat(new ReceiptVerifier(keyId).verify(signed(BODY, keyId, other))).isFalse();
    }

    @Test
    void otherAlgorithmFails() throws GeneralSecurityException {
        String receipt = signed(BODY, keyId, keys).replace("\"alg\":\"Ed25519\"", "\"alg\":\"HS256\"");

        assertThat(new ReceiptVerifier(keyId).verify(receipt)).isFalse();
    }

    @Test
    void missingSignatureFails() {
        assertThat(new ReceiptVerifier(keyId).verify(BODY + "}")).isFalse();
    }

    @Test
    void garbageFails() {
        ReceiptVerifier verifier = new ReceiptVerifier(keyId);

        assertThat(verifier.verify("not json")).isFalse();
        assertThat(verifier.verify("[]")).isFalse();
        assertThat(verifier.verify("")).isFalse();
        assertThat(verifier.verify("{\"signature\":{\"alg\":\"Ed25519\",\"key_id\":\"" + keyId + "\",\"sig\":\"@@\"}}"))
                .isFalse();
    }

    @Test
    void refusesAKeyOfTheWrongSize() {
        assertThatThrownBy(() -> new ReceiptVerifier("AAAA")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String signed(String body, String keyId, KeyPair signer) throws GeneralSecurityException {
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initSign(signer.getPrivate());
        ed25519.update(CanonicalJson.canonicalize(body + "}"));
        String sig = Base64.getUrlEncoder().withoutPadding().encodeToString(ed25519.sign());
        return body + ",\"signature\":{\"alg\":\"Ed25519\",\"key_id\":\"" + keyId + "\",\"sig\":\"" + sig + "\"}}";
    }

    private static String rawKey(KeyPair pair) {
        byte[] encoded = pair.getPublic().getEncoded();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOfRange(encoded, 12, 44));
    }
}
