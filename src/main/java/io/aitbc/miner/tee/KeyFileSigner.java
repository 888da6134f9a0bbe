package io.aitbc.miner.tee;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

import io.aitbc.miner.config.InvalidConfigException;
import io.quarkus.logging.Log;

/**
 * {@code key} mode with {@code MINER_TEE_KEY_FILE}: the operator's Ed25519 key, a PKCS#8 PEM file as
 * {@code openssl genpkey -algorithm ed25519} writes it. Read once at start-up; a file others may read is warned about.
 */
final class KeyFileSigner implements QuoteSigner {

    static final String ENV = "MINER_TEE_KEY_FILE";
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ);

    private final KeyPair pair;
    private final Path file;

    KeyFileSigner(Path file) {
        this.file = file;
        this.pair = Ed25519Keys.fromSeed(seed(read(file)));
        warnIfReadableByOthers(file);
    }

    @Override
    public Signed sign(String enclaveId, byte[] payload) {
        return new Signed(Ed25519Keys.sign(pair.getPrivate(), payload), Ed25519Keys.raw(pair.getPublic()));
    }

    @Override
    public String describe() {
        return "the Ed25519 key in " + file + ", public key "
                + Base64.getEncoder().encodeToString(Ed25519Keys.raw(pair.getPublic()));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new InvalidConfigException(ENV, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The 32-byte seed of a PKCS#8 Ed25519 key. */
    private static byte[] seed(String pem) {
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new InvalidConfigException(ENV, "not a PEM private key (" + BEGIN + ")");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
            var key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            return ((EdECPrivateKey) key).getBytes()
                    .orElseThrow(() -> new InvalidConfigException(ENV, "the key has no private bytes"));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new InvalidConfigException(ENV, "not an Ed25519 PKCS#8 key (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static void warnIfReadableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            permissions.retainAll(OTHERS);
            if (!permissions.isEmpty()) {
                Log.warnf("%s is readable by group or others: chmod 600 it (the TEE key signs quotes)", file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            Log.debugf("Permissions of %s unknown: %s", file, e.getMessage());
        }
    }
}
