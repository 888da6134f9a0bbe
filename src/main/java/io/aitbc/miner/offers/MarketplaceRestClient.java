package io.aitbc.miner.offers;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The marketplace service's offer API (aitbc-peer-features.md §5.2), relative to {@code MINER_OFFERS_MARKETPLACE_URL}:
 * an unauthenticated upsert keyed by {@code plugin_id}, and the read of one offer. Raw responses, mapped by the
 * publisher.
 */
@Produces(MediaType.APPLICATION_JSON)
interface MarketplaceRestClient {

    @POST
    @Path("/v1/marketplace/offer")
    @Consumes(MediaType.APPLICATION_JSON)
    Response upsert(JsonNode offer);

    @GET
    @Path("/v1/marketplace/offer/{pluginId}")
    Response get(@PathParam("pluginId") String pluginId);
}
