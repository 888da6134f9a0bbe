package io.aitbc.miner.tee;

/** Whether and how the agent signs TEE attestation quotes ({@code MINER_TEE_MODE}, D42). */
public enum TeeMode {
    /** No quote: the coordinator makes its own when a job needs one. */
    OFF,
    /** The production miner's key, derived from the enclave id: compatible, and forgeable by anyone. */
    SIMULATE,
    /** An operator's Ed25519 key, from a PKCS#8 file or a PKCS#11 token. */
    KEY
}
