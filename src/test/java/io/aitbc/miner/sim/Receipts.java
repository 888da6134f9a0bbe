package io.aitbc.miner.sim;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.sim.SimStore.JobEntry;
import io.aitbc.miner.uploader.CanonicalJson;

/** Builds and signs receipts as the coordinator does; without a key every receipt is null. */
final class Receipts {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    static final String CLIENT_ID = "sim-client";

    private final KeyPair keys;
    private final String keyId;

    Receipts(boolean signing) {
        try {
            this.keys = signing ? KeyPairGenerator.getInstance("Ed25519").generateKeyPair() : null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        }
        // The X.509 encoding of an Ed25519 key is a 12-byte prefix and the 32 raw bytes.
        this.keyId = keys == null ? null
                : B64URL.encodeToString(Arrays.copyOfRange(keys.getPublic().getEncoded(), 12, 44));
    }

    /** The base64url public key (the receipts' {@code key_id}), or null when signing is off. */
    String publicKey() {
        return keyId;
    }

    /**
     * The receipt text for a result, exactly as answered, or null when signing is off (the coordinator then checks no
     * TEE either). The TEE fields are added after signing, as the coordinator does, so the signature leaves them out.
     */
    String issue(JobEntry job, String provider, JsonNode result, JsonNode metrics, TeeVerifier.Decision tee,
            Instant now) {
        if (keys == null) {
            return null;
        }
        Pricing.Bill bill = Pricing.price(job, result, metrics, now);
        double nowSeconds = now.getEpochSecond() + now.getNano() / 1e9;
        ObjectNode receipt = PythonJson.object();
        receipt.put("version", "1.0");
        receipt.put("receipt_id", UUID.randomUUID().toString().replace("-", ""));
        receipt.put("job_id", job.id);
        receipt.put("provider", provider);
        receipt.put("client", CLIENT_ID);
        receipt.put("status", SimJobState.COMPLETED.name());
        receipt.set("units", bill.units());
        receipt.put("unit_type", bill.unitType());
        receipt.set("unit_price", bill.unitPrice());
        receipt.set("price", bill.price());
        receipt.put("completed_at", now.getEpochSecond());
        receipt.put("started_at", (long) Math.floor(nowSeconds - bill.units().doubleValue()));
        ObjectNode metadata = receipt.putObject("metadata");
        metadata.set("job_payload", job.payload.deepCopy());
        metadata.set("job_constraints", job.constraints.deepCopy());
        metadata.set("result", result.deepCopy());
        metadata.set("metrics", bill.metrics());
        ObjectNode signature = PythonJson.object();
        signature.put("alg", "Ed25519");
        signature.put("key_id", keyId);
        signature.put("sig", sign(CanonicalJson.canonicalize(PythonJson.write(receipt))));
        receipt.set("signature", signature);
        receipt.putArray("attestations").add(signature.deepCopy());
        receipt.put("zk_status", "not_required");
        receipt.put("tee_status", tee.status());
        if (tee.attestationId() != null) {
            receipt.put("tee_attestation_id", tee.attestationId());
        }
        if (tee.autoQuote() != null) {
            receipt.put("tee_quote", tee.autoQuote());
        }
        return PythonJson.write(receipt);
    }

    private String sign(byte[] canonical) {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(keys.getPrivate());
            ed25519.update(canonical);
            return B64URL.encodeToString(ed25519.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }
}
