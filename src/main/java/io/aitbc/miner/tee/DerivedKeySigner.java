package io.aitbc.miner.tee;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code simulate} mode: the production miner's key, whose Ed25519 seed is SHA-256 of the enclave id. Quotes verify
 * at the coordinator, but anyone who knows the enclave id can make the same ones: this attests nothing.
 */
final class DerivedKeySigner implements QuoteSigner {

    private static final int MAX_CACHED = 64;

    private final Map<String, KeyPair> keys = new ConcurrentHashMap<>();

    @Override
    public Signed sign(String enclaveId, byte[] payload) {
        KeyPair pair = keys.get(enclaveId);
        if (pair == null) {
            pair = Ed25519Keys.fromSeed(seed(enclaveId));
            if (keys.size() < MAX_CACHED) {
                keys.put(enclaveId, pair);
            }
        }
        return new Signed(Ed25519Keys.sign(pair.getPrivate(), payload), Ed25519Keys.raw(pair.getPublic()));
    }

    @Override
    public String describe() {
        return "a key derived from each enclave id (simulate: compatible with the production miner, attests nothing)";
    }

    /** SHA-256 of the enclave id's UTF-8 bytes ({@code "default"} for an empty id, as the production miner does). */
    static byte[] seed(String enclaveId) {
        try {
            return MessageDigest.getInstance("SHA-256").digest((enclaveId.isEmpty() ? "default" : enclaveId).getBytes(UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
