package io.aitbc.miner.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.aitbc.miner.config.AgentIdentity;
import io.aitbc.miner.job.JobState;
import io.aitbc.miner.lifecycle.Drain;
import io.aitbc.miner.poller.JobPoller;
import io.aitbc.miner.queue.LifetimeTotals;
import io.aitbc.miner.queue.QueueInspector;
import io.aitbc.miner.queue.QueueMonitor;
import io.aitbc.miner.queue.QueueUnavailableException;
import io.aitbc.miner.queue.Totals;
import io.aitbc.miner.registration.Registration;
import io.aitbc.miner.scheduler.PoolView;
import io.aitbc.miner.scheduler.SlotScheduler;

/**
 * The console's data (D45), under {@code /admin} and so behind the admin token: one overview of the node (polling,
 * heartbeat, Redis, queue lengths, slots and GPUs, the lasting totals with their hourly buckets, the jobs reported
 * last), and a page of the jobs in one state. What the agent keeps in memory is always answered; what needs Redis is
 * left out, with the reason in {@code unavailable}, while Redis is away.
 */
@Path(AdminResource.PATH + "/console")
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleApi {

    static final int HOURS = 48;
    static final int RECENT = 20;
    static final int MAX_PAGE = 200;

    private final AgentIdentity identity;
    private final QueueInspector inspector;
    private final QueueMonitor monitor;
    private final LifetimeTotals totals;
    private final SlotScheduler scheduler;
    private final ConsoleGpus gpus;
    private final Registration registration;
    private final JobPoller poller;
    private final Drain drain;

    ConsoleApi(AgentIdentity identity, QueueInspector inspector, QueueMonitor monitor, LifetimeTotals totals,
            SlotScheduler scheduler, ConsoleGpus gpus, Registration registration, JobPoller poller, Drain drain) {
        this.identity = identity;
        this.inspector = inspector;
        this.monitor = monitor;
        this.totals = totals;
        this.scheduler = scheduler;
        this.gpus = gpus;
        this.registration = registration;
        this.poller = poller;
        this.drain = drain;
    }

    /** Everything the console's front page shows. */
    @GET
    public Map<String, Object> overview() {
        Map<String, Object> view = new LinkedHashMap<>();
        Map<String, String> unavailable = new LinkedHashMap<>();
        view.put("miner_id", identity.minerId());
        view.put("now", Instant.now().toString());
        view.put("node", node());
        view.put("redis", Map.of("ok", monitor.problem().isEmpty(), "problem", monitor.problem().orElse("")));
        view.put("queue", monitor.counts().map(c -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            Arrays.stream(JobState.values()).forEach(s -> counts.put(s.label(), c.count(s)));
            return counts;
        }).orElse(Map.of()));
        view.put("slots", scheduler.pools().stream().map(this::pool).toList());
        view.put("totals", totals(readOr("totals", unavailable, totals::read, totals.last())));
        view.put("hours", readOr("hours", unavailable,
                () -> totals.hours(HOURS).stream().map(ConsoleApi::hour).toList(), null));
        view.put("recent", readOr("recent", unavailable, () -> inspector.recent(RECENT), null));
        view.put("unavailable", unavailable);
        return view;
    }

    /** The jobs in one state, oldest (or soonest due) first, {@code limit} from {@code offset}. */
    @GET
    @Path("jobs")
    public Response jobs(@QueryParam("state") @DefaultValue("dead") String state,
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("20") int limit) {
        Optional<JobState> wanted = Arrays.stream(JobState.values()).filter(s -> s.label().equals(state)).findFirst();
        if (wanted.isEmpty() || offset < 0 || limit < 1 || limit > MAX_PAGE) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Map.of("detail", "state is a queue state, offset >= 0, limit 1.." + MAX_PAGE)).build();
        }
        try {
            List<Map<String, String>> jobs = inspector.summaries(inspector.ids(wanted.get(), offset, limit));
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("state", state);
            page.put("offset", offset);
            page.put("limit", limit);
            page.put("total", monitor.counts().map(c -> c.count(wanted.get())).orElse(-1L));
            page.put("jobs", jobs);
            return Response.ok(page).build();
        } catch (QueueUnavailableException e) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).entity(Map.of("detail", e.getMessage()))
                    .build();
        }
    }

    private Map<String, Object> node() {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("registered", registration.registered());
        node.put("coordinator_problem", registration.problem().orElse(""));
        node.put("last_heartbeat", time(registration.lastHeartbeat()));
        node.put("heartbeat_age_s", age(registration.lastHeartbeat()));
        node.put("last_poll_loop", time(poller.lastIteration()));
        node.put("poll_loop_age_s", age(poller.lastIteration()));
        node.put("paused", poller.paused());
        node.put("draining", drain.draining());
        return node;
    }

    private Map<String, Object> pool(PoolView pool) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("pool", pool.kind().name().toLowerCase(Locale.ROOT));
        view.put("size", pool.size());
        view.put("busy", pool.busy());
        pool.gpu().ifPresent(gpu -> view.put("gpu", gpus.describe(gpu)));
        return view;
    }

    static Map<String, Object> totals(Totals totals) {
        List<Map<String, Object>> jobs = new ArrayList<>();
        totals.jobs().forEach((tally, count) -> jobs.add(Map.of("type", tally.type(), "outcome", tally.outcome(),
                "error_code", tally.errorCode(), "count", count)));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("jobs", jobs);
        view.put("billed_seconds", scaled(totals.billedMs(), 1000.0));
        view.put("earnings", scaled(totals.earningsMicro(), 1_000_000.0));
        view.put("receipts", totals.receipts());
        return view;
    }

    private static Map<String, Object> hour(Totals.Hour hour) {
        return Map.of("start", hour.start().toString(), "jobs", hour.jobs(), "billed_seconds",
                hour.billedMs() / 1000.0, "earnings", hour.earningsMicro() / 1_000_000.0);
    }

    private static Map<String, Double> scaled(Map<String, Long> values, double divisor) {
        Map<String, Double> scaled = new LinkedHashMap<>();
        values.forEach((key, value) -> scaled.put(key, value / divisor));
        return scaled;
    }

    /**
     * What {@code read} answers from Redis, else {@code fallback} with the reason noted under {@code part}; Redis is
     * not asked while the monitor knows it unusable, so the overview never waits on it.
     */
    private <T> T readOr(String part, Map<String, String> unavailable, Supplier<T> read, T fallback) {
        Optional<String> problem = monitor.problem();
        if (problem.isPresent()) {
            unavailable.put(part, problem.get());
            return fallback;
        }
        try {
            return read.get();
        } catch (QueueUnavailableException e) {
            unavailable.put(part, e.getMessage());
            return fallback;
        }
    }

    private static String time(Instant instant) {
        return instant.equals(Instant.EPOCH) ? "" : instant.toString();
    }

    private static double age(Instant instant) {
        return instant.equals(Instant.EPOCH) ? -1 : Duration.between(instant, Instant.now()).toMillis() / 1000.0;
    }
}
