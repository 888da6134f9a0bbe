package io.aitbc.miner.poolhub;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The pool hub's miner API (aitbc-peer-features.md §4.2), paths relative to {@code MINER_POOL_HUB_URL}; built by
 * {@link PoolHubClient} with the configured base and timeouts. Raw {@link Response}s: statuses are mapped there.
 */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface PoolHubRestClient {

    /** Unauthenticated: the key travels in the body, its hash is stored when the miner id is new. */
    @POST
    @Path("/v1/miners/register")
    Response register(JsonNode body);

    /** Found by the key's hash alone: {@code Authorization: Bearer <key>} (case-sensitive). */
    @POST
    @Path("/v1/miners/heartbeat")
    Response heartbeat(@HeaderParam("Authorization") String authorization, JsonNode body);
}
