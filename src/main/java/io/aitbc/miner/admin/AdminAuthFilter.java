package io.aitbc.miner.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.aitbc.miner.InvalidConfigException;
import io.quarkus.runtime.Startup;

/**
 * Guards {@code /admin}: 404 while {@code MINER_ADMIN_TOKEN} is unset, 401 without a bearer token, 403 with another
 * one. Tokens are compared as SHA-256 digests in constant time, so neither content nor length leaks through timing.
 */
@Startup
@Singleton
public class AdminAuthFilter {

    static final String PREFIX = "Bearer ";

    private final Optional<byte[]> expected;

    AdminAuthFilter(AdminConfig config) {
        if (config.token().filter(String::isBlank).isPresent()) {
            throw new InvalidConfigException("MINER_ADMIN_TOKEN", "must not be blank (unset it to turn the admin API off)");
        }
        this.expected = config.token().map(AdminAuthFilter::digest);
    }

    @ServerRequestFilter
    Optional<Response> authorise(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith(AdminResource.PATH)) {
            return Optional.empty();
        }
        if (expected.isEmpty()) {
            return Optional.of(Response.status(Response.Status.NOT_FOUND).build());
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.of(Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"miner-admin\"").build());
        }
        if (!MessageDigest.isEqual(expected.get(), digest(header.substring(PREFIX.length()).trim()))) {
            return Optional.of(Response.status(Response.Status.FORBIDDEN).build());
        }
        return Optional.empty();
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
