package io.aitbc.miner.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.sim.SimStore.JobEntry;
import io.aitbc.miner.sim.SimStore.MinerEntry;

/** The semantics of the miner endpoints, on a validated call. Every operation holds the store's lock. */
final class MinerApi {

    /**
     * A validated call.
     *
     * @param endpoint the route
     * @param path the request path
     * @param caller the miner identity ({@code X-Miner-ID}, else the key)
     * @param pathId the id in the path (job or miner), or null
     * @param body the parsed body, or null
     * @param query the query parameters
     */
    record Call(Endpoint endpoint, String path, String caller, String pathId, JsonNode body,
            java.util.function.Function<String, String> query) {
    }

    private final SimStore store;
    private final Receipts receipts;

    MinerApi(SimStore store, Receipts receipts) {
        this.store = store;
        this.receipts = receipts;
    }

    SimResponse handle(Call call) {
        synchronized (store) {
            Instant now = Instant.now();
            return switch (call.endpoint()) {
                case REGISTER -> register(call, now, "{\"status\":\"ok\",\"session_token\":\"" + hex32() + "\"}");
                case CAPABILITIES -> register(call, now,
                        "{\"status\":\"updated\",\"miner_id\":\"" + call.caller() + "\"}");
                case HEARTBEAT -> heartbeat(call, now);
                case POLL -> poll(call, now);
                case RESULT -> result(call, now);
                case FAIL -> fail(call, now);
                case LIST_JOBS -> list(call);
                case DEREGISTER -> deregister(call);
                case EARNINGS -> earnings(call);
                default -> SimResponse.internalError(call.path());
            };
        }
    }

    private SimResponse register(Call call, Instant now, String answer) {
        MinerEntry miner = store.miners.computeIfAbsent(call.caller(), MinerEntry::new);
        JsonNode body = call.body();
        miner.capabilities = body.get("capabilities").deepCopy();
        miner.concurrency = body.path("concurrency").asInt(1);
        miner.region = body.hasNonNull("region") ? body.get("region").asText() : null;
        miner.inflight = 0;
        miner.status = "ONLINE";
        miner.registrations++;
        return SimResponse.json(200, answer);
    }

    private SimResponse heartbeat(Call call, Instant now) {
        MinerEntry miner = store.miners.get(call.caller());
        if (miner == null) {
            return SimResponse.detail(404, "miner not registered");
        }
        miner.inflight = call.body().path("inflight").asInt(0);
        miner.status = call.body().hasNonNull("status") ? call.body().get("status").asText() : "ONLINE";
        miner.lastHeartbeat = now;
        ObjectNode extra = call.body().path("metadata").isObject() ? ((ObjectNode) call.body().get("metadata")).deepCopy()
                : PythonJson.object();
        for (String kept : List.of("architecture", "edge_optimized", "network_latency_ms")) {
            extra.set(kept, call.body().path(kept).isMissingNode() ? extra.nullNode() : call.body().get(kept).deepCopy());
        }
        miner.extraMetadata = extra;
        return SimResponse.json(200, "{\"status\":\"ok\"}");
    }

    private SimResponse poll(Call call, Instant now) {
        MinerEntry miner = store.miners.get(call.caller());
        if (miner == null) {
            return SimResponse.internalError(call.path());
        }
        if (miner.concurrency > 0 && miner.inflight >= miner.concurrency) {
            return SimResponse.noContent();
        }
        return Dispatcher.next(store, miner, now).map(job -> {
            job.state = SimJobState.RUNNING;
            job.assignedMiner = miner.id;
            job.assignedAt = now;
            miner.inflight++;
            ObjectNode answer = PythonJson.object();
            answer.put("job_id", job.id);
            answer.set("payload", job.payload.deepCopy());
            answer.set("constraints", job.constraints.deepCopy());
            return SimResponse.json(200, PythonJson.write(answer));
        }).orElseGet(SimResponse::noContent);
    }

    private SimResponse result(Call call, Instant now) {
        JobEntry job = store.jobs.get(call.pathId());
        if (job == null) {
            return SimResponse.detail(404, "job not found");
        }
        JsonNode result = call.body().get("result");
        TeeVerifier.Decision tee = TeeVerifier.decide(job.id, job.constraints, call.body(), now);
        String receipt = receipts.issue(job, call.caller(), result, call.body().path("metrics"), tee, now);
        job.teeStatus = receipt == null ? null : tee.status();
        job.state = SimJobState.COMPLETED;
        job.result = result.deepCopy();
        MinerEntry miner = store.miners.get(call.caller());
        if (miner != null) {
            miner.inflight = Math.max(0, miner.inflight - 1);
        }
        store.addReport(job.id, new SimReport(SimReport.Kind.RESULT, call.caller(), call.body(), receipt, now));
        return SimResponse.json(200, "{\"status\":\"ok\",\"receipt\":" + (receipt == null ? "null" : receipt) + "}");
    }

    private SimResponse fail(Call call, Instant now) {
        JobEntry job = store.jobs.get(call.pathId());
        if (job == null) {
            return SimResponse.detail(404, "job not found");
        }
        job.state = SimJobState.FAILED;
        job.error = call.body().get("error_message").asText();
        job.assignedMiner = call.caller();
        store.addReport(job.id, new SimReport(SimReport.Kind.FAIL, call.caller(), call.body(), null, now));
        return SimResponse.json(200, "{\"status\":\"ok\"}");
    }

    private SimResponse list(Call call) {
        List<Validation.Detail> problems = new ArrayList<>();
        int limit = Validation.queryInt(call.query().apply("limit"), "limit", 20, problems);
        int offset = Validation.queryInt(call.query().apply("offset"), "offset", 0, problems);
        if (!problems.isEmpty()) {
            return Validation.error(problems);
        }
        SimJobState wanted = state(call.query().apply("job_status"));
        String type = call.query().apply("job_type");
        List<JobEntry> mine = store.jobs.values().stream()
                .filter(j -> call.pathId().equals(j.assignedMiner))
                .filter(j -> wanted == null || j.state == wanted)
                .filter(j -> type == null || type.equals(j.payload.path("type").asText(null)))
                .sorted(Comparator.comparing((JobEntry j) -> j.requestedAt).reversed())
                .skip(Math.max(0, offset)).limit(Math.max(0, limit)).toList();
        ObjectNode answer = PythonJson.object();
        ArrayNode jobs = answer.putArray("jobs");
        mine.forEach(j -> jobs.add(JobViews.of(j)));
        answer.put("total", mine.size());
        answer.put("limit", limit);
        answer.put("offset", offset);
        answer.put("miner_id", call.pathId());
        return SimResponse.json(200, PythonJson.write(answer));
    }

    private static SimJobState state(String value) {
        if (value == null) {
            return null;
        }
        try {
            return SimJobState.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private SimResponse deregister(Call call) {
        MinerEntry miner = store.miners.get(call.pathId());
        if (miner == null) {
            return SimResponse.detail(404, "miner not found");
        }
        miner.status = "OFFLINE";
        return SimResponse.json(200, "{\"miner_id\":\"" + miner.id + "\",\"status\":\"deregistered\"}");
    }

    /** Sums the receipt prices of this miner's completed jobs (the real answer's shape is not in the protocol). */
    private SimResponse earnings(Call call) {
        double total = 0;
        int completed = 0;
        for (JobEntry job : store.jobs.values()) {
            if (job.state == SimJobState.COMPLETED && call.pathId().equals(job.assignedMiner)) {
                completed++;
                total += store.reports(job.id).stream().filter(r -> r.receiptJson() != null)
                        .mapToDouble(r -> r.receipt().path("price").asDouble()).sum();
            }
        }
        return SimResponse.json(200, "{\"miner_id\":\"" + call.pathId() + "\",\"total_earnings\":"
                + PythonNumbers.repr(total) + ",\"jobs_completed\":" + completed + ",\"currency\":\"AITBC\"}");
    }

    static String hex32() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
