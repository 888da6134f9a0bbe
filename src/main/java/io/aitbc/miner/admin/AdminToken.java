package io.aitbc.miner.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;

/**
 * The admin API's bearer token ({@code MINER_ADMIN_TOKEN}), checked at start-up. Candidates are compared as SHA-256
 * digests in constant time, so neither the token's content nor its length leaks through timing.
 */
@Startup
@ApplicationScoped
public class AdminToken {

    private final Optional<byte[]> expected;

    AdminToken(AdminConfig config) {
        this.expected = config.token().map(AdminToken::digest);
    }

    /** Whether the admin API is on. */
    public boolean enabled() {
        return expected.isPresent();
    }

    /** Whether {@code candidate} is the token; always false while the API is off. */
    public boolean matches(String candidate) {
        return expected.isPresent() && MessageDigest.isEqual(expected.get(), digest(candidate));
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
