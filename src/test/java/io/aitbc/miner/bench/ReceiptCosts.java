package io.aitbc.miner.bench;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

import io.aitbc.miner.uploader.CanonicalJson;
import io.aitbc.miner.uploader.ReceiptVerifier;
import io.vertx.core.json.JsonObject;

/**
 * Ed25519 receipt costs apart from the throughput runs (D36): signing a receipt's canonical bytes as the coordinator
 * does, and {@link ReceiptVerifier#verify} as the agent does (parse, canonicalise, verify), in µs per operation.
 */
final class ReceiptCosts {

    private static final int WARM_UP = 2_000;

    private final KeyPair keys;
    private final String unsigned;
    private final String receipt;
    private final ReceiptVerifier verifier;

    ReceiptCosts() {
        try {
            keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        byte[] encoded = keys.getPublic().getEncoded();
        String keyId = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
        JsonObject body = new JsonObject().put("version", "1.0").put("receipt_id", "0".repeat(32))
                .put("job_id", "bench-job").put("provider", "bench-node").put("client", "bench-client")
                .put("status", "COMPLETED").put("units", 0.25).put("unit_type", "gpu_seconds")
                .put("unit_price", 0.02).put("price", 0.005).put("completed_at", 1_790_000_000L)
                .put("started_at", 1_789_999_999L)
                .put("metadata", new JsonObject().put("job_payload", new JsonObject().put("prompt", "bench prompt"))
                        .put("result", new JsonObject().put("output", "x".repeat(200)).put("tokens_processed", 64)));
        unsigned = body.encode();
        String signature = Base64.getUrlEncoder().withoutPadding().encodeToString(sign(unsigned));
        receipt = body.put("signature", new JsonObject().put("alg", "Ed25519").put("key_id", keyId).put("sig", signature))
                .encode();
        verifier = new ReceiptVerifier(keyId);
        if (!verifier.verify(receipt)) {
            throw new IllegalStateException("the benchmark's own receipt does not verify");
        }
    }

    /** Microseconds per signature over the canonical bytes of the receipt. */
    double signMicros(int operations) {
        for (int i = 0; i < WARM_UP; i++) {
            sign(unsigned);
        }
        long start = System.nanoTime();
        for (int i = 0; i < operations; i++) {
            sign(unsigned);
        }
        return (System.nanoTime() - start) / 1e3 / operations;
    }

    /** Microseconds per verification of the signed receipt, as the uploader does it. */
    double verifyMicros(int operations) {
        for (int i = 0; i < WARM_UP; i++) {
            verifier.verify(receipt);
        }
        long start = System.nanoTime();
        for (int i = 0; i < operations; i++) {
            if (!verifier.verify(receipt)) {
                throw new IllegalStateException("verification failed");
            }
        }
        return (System.nanoTime() - start) / 1e3 / operations;
    }

    private byte[] sign(String json) {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(keys.getPrivate());
            ed25519.update(CanonicalJson.canonicalize(json));
            return ed25519.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
