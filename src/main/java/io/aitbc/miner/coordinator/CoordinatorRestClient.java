package io.aitbc.miner.coordinator;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/**
 * The coordinator's miner API, paths relative to {@code MINER_COORDINATOR_URL}. Every method answers the raw
 * {@link Response} (the default exception mapper is off) so that {@link CoordinatorCalls} maps each status itself, as a
 * {@link Uni}: the answer is read whole on the event loop, with no blocking stream handed to the calling thread, and a
 * call abandoned by its timeout cancels the request.
 * Path parameters are percent-encoded by the client (D2).
 */
@RegisterRestClient(configKey = "coordinator")
@RegisterClientHeaders(CoordinatorHeaders.class)
@Produces(MediaType.APPLICATION_JSON)
interface CoordinatorRestClient {

    @POST
    @Path("/miners/register")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> register(JsonNode body);

    @POST
    @Path("/miners/heartbeat")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> heartbeat(JsonNode body);

    @POST
    @Path("/miners/poll")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> poll(JsonNode body);

    @POST
    @Path("/miners/{jobId}/result")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> result(@PathParam("jobId") String jobId, JsonNode body);

    @POST
    @Path("/miners/{jobId}/fail")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> fail(@PathParam("jobId") String jobId, JsonNode body);

    @POST
    @Path("/miners/{minerId}/jobs")
    Uni<Response> jobs(@PathParam("minerId") String minerId, @QueryParam("job_status") String status,
            @QueryParam("limit") int limit, @QueryParam("offset") int offset);

    @DELETE
    @Path("/miners/{minerId}")
    Uni<Response> deregister(@PathParam("minerId") String minerId);
}
