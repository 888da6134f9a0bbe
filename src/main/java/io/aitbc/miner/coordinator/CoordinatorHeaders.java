package io.aitbc.miner.coordinator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

import io.aitbc.miner.config.AgentIdentity;

/**
 * Adds {@code X-Api-Key} and {@code X-Miner-ID} to every coordinator call. {@code Authorization} is never sent: once
 * present, the coordinator demands a JWT and ignores the key.
 */
@ApplicationScoped
class CoordinatorHeaders implements ClientHeadersFactory {

    static final String USER_AGENT = "aitbc-miner-node/0.1";

    private final AgentIdentity identity;

    CoordinatorHeaders(AgentIdentity identity) {
        this.identity = identity;
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
            MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        headers.putSingle("X-Api-Key", identity.apiKey());
        headers.putSingle("X-Miner-ID", identity.minerId());
        headers.putSingle("User-Agent", USER_AGENT);
        return headers;
    }
}
