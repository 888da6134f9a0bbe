package io.aitbc.miner.admin;

import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Guards {@code /admin}: 404 while the API is off, 401 without a bearer token, 403 with another one. The console's page
 * ({@code /console}) holds no data and needs no token, but is off (404) with the API.
 */
public class AdminAuthFilter {

    static final String PREFIX = "Bearer ";

    private final AdminToken token;

    AdminAuthFilter(AdminToken token) {
        this.token = token;
    }

    @ServerRequestFilter
    Optional<Response> authorise(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith(ConsoleResource.PATH)) {
            return token.enabled() ? Optional.empty() : Optional.of(Response.status(Response.Status.NOT_FOUND).build());
        }
        if (!path.startsWith(AdminResource.PATH)) {
            return Optional.empty();
        }
        if (!token.enabled()) {
            return Optional.of(Response.status(Response.Status.NOT_FOUND).build());
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.of(Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"miner-admin\"").build());
        }
        if (!token.matches(header.substring(PREFIX.length()).trim())) {
            return Optional.of(Response.status(Response.Status.FORBIDDEN).build());
        }
        return Optional.empty();
    }
}
