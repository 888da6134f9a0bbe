package io.aitbc.miner.tee;

import java.nio.file.Path;
import java.util.Optional;

import io.aitbc.miner.config.CheckedConfig;
import io.aitbc.miner.config.ConfigProblems;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * TEE attestation quotes ({@code MINER_TEE_*}, D42). {@code key} mode takes exactly one key source, a token its PIN
 * file; what the files hold is checked when the key is loaded at start-up.
 */
@ConfigMapping(prefix = "miner.tee")
public interface TeeConfig extends CheckedConfig {

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

    @Override
    default ConfigProblems problems() {
        boolean file = keyFile().isPresent();
        boolean token = pkcs11().library().isPresent();
        return new ConfigProblems()
                .require(mode() != TeeMode.KEY || file || token, "miner.tee.key-file",
                        "MINER_TEE_MODE=key needs MINER_TEE_KEY_FILE or MINER_TEE_PKCS11_LIBRARY")
                .require(!(file && token), "miner.tee.pkcs11.library", "not together with MINER_TEE_KEY_FILE")
                .require(!token || pkcs11().pinFile().isPresent(), "miner.tee.pkcs11.pin-file",
                        "required with MINER_TEE_PKCS11_LIBRARY")
                .require(pkcs11().slot().orElse(0L) >= 0, "miner.tee.pkcs11.slot", "must not be negative");
    }
}
