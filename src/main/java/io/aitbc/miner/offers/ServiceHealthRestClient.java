package io.aitbc.miner.offers;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The {@code /health} of a shop service an offer advertises ({@code aitbc-whisper}, {@code aitbc-ffmpeg}). */
@Produces(MediaType.APPLICATION_JSON)
interface ServiceHealthRestClient {

    @GET
    @Path("/health")
    Response health();
}
