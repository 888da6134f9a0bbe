package io.aitbc.miner.admin;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.aitbc.miner.job.JobIds;
import io.aitbc.miner.job.JobState;
import io.aitbc.miner.lifecycle.Drain;
import io.aitbc.miner.poller.JobPoller;
import io.aitbc.miner.queue.DeadLetters;
import io.aitbc.miner.queue.QueueInspector;
import io.aitbc.miner.queue.QueueUnavailableException;
import io.quarkus.logging.Log;

/**
 * The admin API on the HTTP port (D27), behind {@link AdminAuthFilter}: the queue by state and one job as Redis holds
 * them, retry or drop of a dead job (D10), pause and resume of polling, and the drain. Runs on worker threads.
 */
@Path(AdminResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    static final String PATH = "/admin";
    static final int MAX_LIST = 1000;

    private final QueueInspector inspector;
    private final DeadLetters dead;
    private final JobPoller poller;
    private final Drain drain;

    AdminResource(QueueInspector inspector, DeadLetters dead, JobPoller poller, Drain drain) {
        this.inspector = inspector;
        this.dead = dead;
        this.poller = poller;
        this.drain = drain;
    }

    /** The node's state: paused, draining. */
    @GET
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("paused", poller.paused());
        status.put("draining", drain.draining());
        return status;
    }

    /** Job ids in one state, oldest first. */
    @GET
    @Path("jobs")
    public Response jobs(@QueryParam("state") @DefaultValue("dead") String state,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        JobState wanted = Arrays.stream(JobState.values()).filter(s -> s.label().equals(state)).findFirst()
                .orElse(null);
        if (wanted == null || limit < 1 || limit > MAX_LIST) {
            return problem(Response.Status.BAD_REQUEST, "state is one of " + states() + ", limit 1.." + MAX_LIST);
        }
        return redis(() -> Response.ok(Map.of("state", wanted.label(), "jobs", inspector.ids(wanted, limit))).build());
    }

    /** One job's hash, every field as Redis holds it. */
    @GET
    @Path("jobs/{id}")
    public Response job(@PathParam("id") String id) {
        if (!JobIds.valid(id)) {
            return problem(Response.Status.NOT_FOUND, "no such job");
        }
        return redis(() -> inspector.job(id).map(fields -> Response.ok(fields).build())
                .orElseGet(() -> problem(Response.Status.NOT_FOUND, "no such job")));
    }

    /** Re-queues the run or the report of a dead job. */
    @POST
    @Path("jobs/{id}/retry")
    public Response retry(@PathParam("id") String id) {
        return revive(id, "retry");
    }

    /** Reports a dead job with {@code /fail} {@code E_INTERNAL: dropped by operator}. */
    @POST
    @Path("jobs/{id}/drop")
    public Response drop(@PathParam("id") String id) {
        return revive(id, "drop");
    }

    /** Stops polling; held jobs go on. */
    @POST
    @Path("pause")
    public Map<String, Object> pause() {
        poller.setPaused(true);
        Log.info("Polling paused by the operator");
        return status();
    }

    /** Polls again, unless a drain runs. */
    @POST
    @Path("resume")
    public Response resume() {
        if (drain.draining()) {
            return problem(Response.Status.CONFLICT, "draining: polling stays stopped");
        }
        poller.setPaused(false);
        Log.info("Polling resumed by the operator");
        return Response.ok(status()).build();
    }

    /** Starts a drain, as SIGTERM does: the agent exits once drained. */
    @POST
    @Path("drain")
    public Map<String, Object> startDrain() {
        drain.begin(Drain.Origin.ADMIN);
        return status();
    }

    /** Cancels a drain this API started, before it ends. */
    @DELETE
    @Path("drain")
    public Response cancelDrain() {
        if (!drain.cancel()) {
            return problem(Response.Status.CONFLICT, "no drain this API can cancel");
        }
        return Response.ok(status()).build();
    }

    private Response revive(String id, String how) {
        if (!JobIds.valid(id)) {
            return problem(Response.Status.NOT_FOUND, "no such job");
        }
        return redis(() -> {
            DeadLetters.Revived revived = how.equals("drop") ? dead.drop(id) : dead.retry(id);
            if (revived == DeadLetters.Revived.NOT_DEAD) {
                return problem(Response.Status.CONFLICT, "job " + id + " is not dead");
            }
            Log.infof("Dead job %s: %s by the operator, now %s", id, how, revived.name().toLowerCase(Locale.ROOT));
            return Response.ok(Map.of("job", id, "state", revived.name().toLowerCase(Locale.ROOT))).build();
        });
    }

    private static Response redis(Supplier<Response> call) {
        try {
            return call.get();
        } catch (QueueUnavailableException e) {
            return problem(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
        }
    }

    private static Response problem(Response.Status status, String detail) {
        return Response.status(status).entity(Map.of("detail", detail)).build();
    }

    private static List<String> states() {
        return Arrays.stream(JobState.values()).map(JobState::label).toList();
    }
}
