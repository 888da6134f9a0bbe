package io.aitbc.miner.tee;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** TEE attestation quotes ({@code MINER_TEE_*}, D42). */
@ConfigMapping(prefix = "miner.tee")
public interface TeeConfig {

    /** {@code MINER_TEE_MODE}: {@code off}, {@code simulate} or {@code key}; default off. */
    @WithDefault("off")
    TeeMode mode();

    /**
     * {@code MINER_TEE_KEY_FILE}: the operator's Ed25519 private key, PKCS#8 PEM ({@code openssl genpkey -algorithm
     * ed25519}), for {@code key} mode; default none. Not together with a PKCS#11 library.
     */
    Optional<Path> keyFile();

    /** The PKCS#11 token holding the key in {@code key} mode. */
    Pkcs11 pkcs11();

    /** A PKCS#11 token ({@code MINER_TEE_PKCS11_*}). */
    interface Pkcs11 {

        /** {@code MINER_TEE_PKCS11_LIBRARY}: the token's PKCS#11 module (a {@code .so}); default none. */
        Optional<Path> library();

        /** {@code MINER_TEE_PKCS11_SLOT}: the slot id; default the first slot with a token that holds the key. */
        Optional<Long> slot();

        /** {@code MINER_TEE_PKCS11_PIN_FILE}: a file holding the user PIN; default none (required with a library). */
        Optional<Path> pinFile();

        /** {@code MINER_TEE_PKCS11_KEY_LABEL}: {@code CKA_LABEL} of the key pair; default {@code aitbc-tee}. */
        @WithDefault("aitbc-tee")
        String keyLabel();
    }
}
