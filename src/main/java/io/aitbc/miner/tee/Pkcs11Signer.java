package io.aitbc.miner.tee;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import io.aitbc.miner.config.InvalidConfigException;
import io.quarkus.logging.Log;

/**
 * {@code key} mode with a PKCS#11 token: the private key never leaves it. One session, logged in at start-up, signs
 * every quote; when a call fails (the token was reset, the session closed) the session is opened again once. The key
 * pair is found by label: the private key ({@code CKK_EC_EDWARDS}) signs, the public key's {@code CKA_EC_POINT} is
 * what quotes carry. A start-up self-test signs and verifies with the JDK, so a wrong key fails before any job.
 */
final class Pkcs11Signer implements QuoteSigner {

    private static final String LABEL_ENV = "MINER_TEE_PKCS11_KEY_LABEL";
    private static final byte[] SELF_TEST = "aitbc-miner tee self-test".getBytes(UTF_8);

    private final Pkcs11Module module;
    private final Optional<Long> configuredSlot;
    private final char[] pin;
    private final byte[] label;
    private final String labelText;
    private final long slot;
    private final byte[] publicKey;
    private long session;
    private long privateKey;

    Pkcs11Signer(TeeConfig.Pkcs11 config) {
        Path library = config.library().orElseThrow();
        this.pin = readPin(config.pinFile().orElseThrow());
        this.labelText = config.keyLabel();
        this.label = labelText.getBytes(UTF_8);
        this.configuredSlot = config.slot();
        try {
            this.module = new Pkcs11Module(library);
            this.slot = configuredSlot.orElseGet(this::slotHoldingTheKey);
            this.publicKey = readPublicKey();
            openAndLogin();
        } catch (TeeException e) {
            throw new InvalidConfigException(e.getMessage().startsWith(Pkcs11Module.LOGIN_REFUSED)
                    ? "MINER_TEE_PKCS11_PIN_FILE"
                    : "MINER_TEE_PKCS11_LIBRARY", e.getMessage());
        }
        if (!Ed25519Keys.verify(publicKey, SELF_TEST, sign("", SELF_TEST).signature())) {
            throw new InvalidConfigException(LABEL_ENV,
                    "the token's key '" + labelText + "' does not verify with its public key (not Ed25519?)");
        }
    }

    @Override
    public synchronized Signed sign(String enclaveId, byte[] payload) {
        try {
            return new Signed(module.signEdDsa(session, privateKey, payload), publicKey.clone());
        } catch (TeeException first) {
            Log.warnf("PKCS#11 signing failed (%s): opening the session again", first.getMessage());
            reopen();
            return new Signed(module.signEdDsa(session, privateKey, payload), publicKey.clone());
        }
    }

    @Override
    public String describe() {
        return "the PKCS#11 key '" + labelText + "' in slot " + slot + ", public key "
                + Base64.getEncoder().encodeToString(publicKey);
    }

    private void reopen() {
        try {
            module.closeSession(session);
        } catch (TeeException e) {
            Log.debugf("Closing the old PKCS#11 session: %s", e.getMessage());
        }
        openAndLogin();
    }

    private void openAndLogin() {
        session = module.openSession(slot);
        module.login(session, pin);
        long[] keys = module.find(session, Pkcs11Module.CKO_PRIVATE_KEY, label, Pkcs11Module.CKK_EC_EDWARDS);
        if (keys.length != 1) {
            throw new TeeException(keys.length + " Ed25519 private keys labelled '" + labelText + "' in slot " + slot
                    + " (" + LABEL_ENV + "): exactly one is needed");
        }
        privateKey = keys[0];
    }

    /** The first slot with a token whose public objects include the key pair's public key. */
    private long slotHoldingTheKey() {
        for (long candidate : module.slotsWithToken()) {
            long probe;
            try {
                probe = module.openSession(candidate);
            } catch (TeeException e) {
                Log.debugf("PKCS#11 slot %d skipped: %s", candidate, e.getMessage());
                continue;
            }
            try {
                if (module.find(probe, Pkcs11Module.CKO_PUBLIC_KEY, label, -1).length > 0) {
                    return candidate;
                }
            } finally {
                module.closeSession(probe);
            }
        }
        throw new InvalidConfigException(LABEL_ENV, "no token holds a public key labelled '" + labelText
                + "' (or name its slot with MINER_TEE_PKCS11_SLOT)");
    }

    /** The raw public key; tokens give {@code CKA_EC_POINT} raw or DER-wrapped ({@code 04 20 …}, PKCS#11 3.0). */
    private byte[] readPublicKey() {
        long probe = module.openSession(slot);
        try {
            long[] keys = module.find(probe, Pkcs11Module.CKO_PUBLIC_KEY, label, -1);
            if (keys.length != 1) {
                throw new InvalidConfigException(LABEL_ENV,
                        keys.length + " public keys labelled '" + labelText + "' in slot " + slot + ": one is needed");
            }
            byte[] point = module.attribute(probe, keys[0], Pkcs11Module.CKA_EC_POINT);
            if (point.length == Ed25519Keys.KEY_BYTES + 2 && point[0] == 0x04 && point[1] == Ed25519Keys.KEY_BYTES) {
                return Arrays.copyOfRange(point, 2, point.length);
            }
            if (point.length != Ed25519Keys.KEY_BYTES) {
                throw new InvalidConfigException(LABEL_ENV,
                        "the public key '" + labelText + "' is not Ed25519 (" + point.length + " bytes)");
            }
            return point;
        } finally {
            module.closeSession(probe);
        }
    }

    private static char[] readPin(Path file) {
        String pin;
        try {
            pin = Files.readString(file, UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new InvalidConfigException("MINER_TEE_PKCS11_PIN_FILE",
                    "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        pin = pin.endsWith("\n") ? pin.substring(0, pin.length() - (pin.endsWith("\r\n") ? 2 : 1)) : pin;
        if (pin.isEmpty()) {
            throw new InvalidConfigException("MINER_TEE_PKCS11_PIN_FILE", file + " is empty");
        }
        return pin.toCharArray();
    }
}
