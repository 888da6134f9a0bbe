package io.aitbc.miner.uploader;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks a coordinator receipt's Ed25519 signature against the one public key the operator configured (decisions
 * D21). The key in the receipt's {@code key_id} is never trusted on its own: it must equal the configured key.
 */
public final class ReceiptVerifier {

    private static final byte[] X509_ED25519_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String keyId;
    private final PublicKey publicKey;

    /**
     * @param publicKeyBase64Url the operator's coordinator receipt key: 32 raw Ed25519 bytes, base64url without
     *        padding
     * @throws IllegalArgumentException when the key is not a valid Ed25519 public key
     */
    public ReceiptVerifier(String publicKeyBase64Url) {
        this.keyId = publicKeyBase64Url;
        this.publicKey = decodeKey(publicKeyBase64Url);
    }

    /**
     * @param receiptJson the receipt exactly as the coordinator sent it
     * @return true only when it is signed with Ed25519 by the configured key over its canonical bytes; false for a
     *         malformed, unsigned, foreign or tampered receipt
     */
    public boolean verify(String receiptJson) {
        try {
            JsonNode signature = MAPPER.readTree(receiptJson).path("signature");
            if (!"Ed25519".equals(signature.path("alg").asText(null))
                    || !keyId.equals(signature.path("key_id").asText(null))
                    || !signature.path("sig").isTextual()) {
                return false;
            }
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(publicKey);
            ed25519.update(CanonicalJson.canonicalize(receiptJson));
            return ed25519.verify(Base64.getUrlDecoder().decode(signature.get("sig").asText()));
        } catch (Exception e) {
            return false;
        }
    }

    private static PublicKey decodeKey(String base64Url) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(base64Url);
            if (raw.length != 32) {
                throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, got " + raw.length);
            }
            byte[] encoded = new byte[X509_ED25519_PREFIX.length + raw.length];
            System.arraycopy(X509_ED25519_PREFIX, 0, encoded, 0, X509_ED25519_PREFIX.length);
            System.arraycopy(raw, 0, encoded, X509_ED25519_PREFIX.length, raw.length);
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }
}
