package io.aitbc.miner.tee;

/** Signs quote payloads with Ed25519; one implementation per key source of D42. */
public interface QuoteSigner {

    /**
     * Signs a quote's payload.
     *
     * @param enclaveId the quote's enclave (the derived key of {@code simulate} mode depends on it)
     * @param payload the bytes to sign
     * @return the signature and the raw public key that verifies it
     * @throws TeeException when the key cannot sign (a token gone, a login refused)
     */
    Signed sign(String enclaveId, byte[] payload);

    /** What to say in the start-up log about the key (never the key itself). */
    String describe();

    /**
     * A signature with its verifying key.
     *
     * @param signature 64 bytes
     * @param publicKey the raw 32-byte Ed25519 public key
     */
    record Signed(byte[] signature, byte[] publicKey) {
    }
}
