package io.aitbc.miner.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.sim.SimStore.JobEntry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * A faithful in-memory AITBC coordinator for tests and the demo (decisions D33, D34): the miner API of the AITBC
 * {@code coordinator-api} (its statements and tests in {@code src/test/resources/sim/PROTOCOL-TESTS.md}) under
 * {@link #apiBase()}, and a JSON control API ({@link ControlApi}) on its own port. Start it with
 * {@link #start(SimulatorOptions)} (port 0 picks free ports) and close it when done.
 */
public final class CoordinatorSimulator implements AutoCloseable {

    private final SimulatorOptions options;
    private final Vertx vertx = Vertx.vertx();
    private final SimStore store = new SimStore();
    private final Faults faults = new Faults();
    private final RateLimiter limiter;
    private final Receipts receipts;
    private final ApiServer api;
    private final ControlApi control;
    private int apiPort;
    private int controlPort;

    private CoordinatorSimulator(SimulatorOptions options) {
        this.options = options;
        this.limiter = new RateLimiter(options);
        this.receipts = new Receipts(options.signing());
        this.api = new ApiServer(vertx, new MinerApi(store, receipts), limiter, faults, options.apiKeys());
        this.control = new ControlApi(vertx, this);
    }

    /** Starts both servers; returns once they listen. */
    public static CoordinatorSimulator start(SimulatorOptions options) {
        CoordinatorSimulator sim = new CoordinatorSimulator(options);
        try {
            sim.apiPort = sim.api.start(options.host(), options.apiPort());
            sim.controlPort = sim.control.start(options.host(), options.controlPort());
        } catch (RuntimeException e) {
            sim.close();
            throw e;
        }
        return sim;
    }

    /** The server root, where {@code GET /health} is: {@code http://127.0.0.1:<port>}. */
    public String serverRoot() {
        return "http://" + options.host() + ":" + apiPort;
    }

    /** The API base a miner is configured with: {@code http://127.0.0.1:<port>/v1}. */
    public String apiBase() {
        return serverRoot() + "/v1";
    }

    /** The control API's base: {@code http://127.0.0.1:<port>/control}. */
    public String controlBase() {
        return "http://" + options.host() + ":" + controlPort + "/control";
    }

    /** The options it started with. */
    public SimulatorOptions options() {
        return options;
    }

    /** The receipts' public key (base64url, no padding), or null when signing is off. */
    public String publicKeyBase64Url() {
        return receipts.publicKey();
    }

    /** Submits a job as a client would, with the default TTL and no constraints. */
    public String submit(JsonObject payload) {
        return submit(payload, null, options.defaultTtl());
    }

    /** Submits a job with constraints (null for none) and a TTL counted from now; answers its 32-hex id. */
    public String submit(JsonObject payload, JsonObject constraints, Duration ttl) {
        return submit(PythonJson.parse(payload.encode()),
                constraints == null ? null : PythonJson.parse(constraints.encode()), ttl);
    }

    String submit(JsonNode payload, JsonNode constraints, Duration ttl) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        JobEntry job = new JobEntry(MinerApi.hex32(), payload.deepCopy(), Dispatcher.fullConstraints(constraints),
                now, now.plus(ttl == null ? options.defaultTtl() : ttl));
        synchronized (store) {
            store.jobs.put(job.id, job);
        }
        return job.id;
    }

    /** A job as a coordinator read shows it (EXPIRED once overdue), with every report received. */
    public Optional<SimJob> job(String id) {
        synchronized (store) {
            JobEntry job = store.jobs.get(id);
            return job == null ? Optional.empty() : Optional.of(store.view(job, Instant.now()));
        }
    }

    /** How many jobs a read would show in {@code state}, counted without copying any (benchmarks poll this). */
    public int count(SimJobState state) {
        synchronized (store) {
            Instant now = Instant.now();
            return (int) store.jobs.values().stream().filter(j -> j.effectiveState(now) == state).count();
        }
    }

    /** Every job, in submission order. */
    public List<SimJob> jobs() {
        synchronized (store) {
            Instant now = Instant.now();
            return store.jobs.values().stream().map(j -> store.view(j, now)).toList();
        }
    }

    /** Every report received for a job id, kept across {@link #resetDatabase()}. */
    public List<SimReport> reports(String jobId) {
        synchronized (store) {
            return store.reports(jobId);
        }
    }

    /** Cancels a job as its client would: CANCELED and unassigned. Answers false for an unknown job. */
    public boolean cancel(String id) {
        synchronized (store) {
            JobEntry job = store.jobs.get(id);
            if (job == null) {
                return false;
            }
            job.state = SimJobState.CANCELED;
            job.assignedMiner = null;
            return true;
        }
    }

    /** A miner as the coordinator holds it, or empty. */
    public Optional<SimMiner> miner(String id) {
        synchronized (store) {
            return Optional.ofNullable(store.miners.get(id)).map(SimStore.MinerEntry::view);
        }
    }

    /** Forgets every miner, as a coordinator whose database was reset looks to miners. */
    public void forgetMiners() {
        synchronized (store) {
            store.miners.clear();
        }
    }

    /** Forgets miners and jobs; the report audit log and the request log stay. */
    public void resetDatabase() {
        synchronized (store) {
            store.miners.clear();
            store.jobs.clear();
        }
    }

    /** Every request the miner API received, oldest first. */
    public List<RequestRecord> requests() {
        synchronized (api.log) {
            return List.copyOf(api.log);
        }
    }

    /** The fault injector of the miner API. */
    public Faults faults() {
        return faults;
    }

    /** Replaces the rate limits: on or off, per-endpoint overrides of the defaults, and the window. */
    public void setRateLimits(boolean enabled, Map<Endpoint, Integer> limits, Duration window) {
        limiter.configure(enabled, limits, window);
    }

    /** For the jobs in the database: jobs per state, jobs with more than one report, report and receipt counts. */
    public SimSummary summary() {
        synchronized (store) {
            Map<SimJobState, Integer> states = new EnumMap<>(SimJobState.class);
            List<String> multi = new ArrayList<>();
            int reports = 0;
            int receiptCount = 0;
            for (SimJob job : jobs()) {
                states.merge(job.state(), 1, Integer::sum);
                if (job.reports().size() > 1) {
                    multi.add(job.id());
                }
                reports += job.reports().size();
                receiptCount += (int) job.reports().stream().filter(r -> r.receiptJson() != null).count();
            }
            return new SimSummary(states, multi, reports, receiptCount);
        }
    }

    /** Stops both servers. */
    @Override
    public void close() {
        control.stop();
        api.stop();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
