package io.aitbc.miner.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The coordinator's database: jobs in submission order, miners, plus an audit log of every report that survives a
 * reset (for tests). Callers synchronise on the store.
 */
final class SimStore {

    final Map<String, JobEntry> jobs = new LinkedHashMap<>();
    final Map<String, MinerEntry> miners = new HashMap<>();
    final Map<String, List<SimReport>> reportLog = new HashMap<>();

    /** A job row. */
    static final class JobEntry {
        final String id;
        final JsonNode payload;
        final ObjectNode constraints;
        final Instant requestedAt;
        final Instant expiresAt;
        SimJobState state = SimJobState.QUEUED;
        String assignedMiner;
        Instant assignedAt;
        String error;
        JsonNode result;
        String teeStatus;

        JobEntry(String id, JsonNode payload, ObjectNode constraints, Instant requestedAt, Instant expiresAt) {
            this.id = id;
            this.payload = payload;
            this.constraints = constraints;
            this.requestedAt = requestedAt;
            this.expiresAt = expiresAt;
        }

        /** The state a read shows: EXPIRED once the TTL passed for a job not yet finished. */
        SimJobState effectiveState(Instant now) {
            boolean open = state == SimJobState.QUEUED || state == SimJobState.RUNNING;
            return open && !now.isBefore(expiresAt) ? SimJobState.EXPIRED : state;
        }
    }

    /** A miner row. */
    static final class MinerEntry {
        final String id;
        String status = "ONLINE";
        int inflight;
        int concurrency = 1;
        JsonNode capabilities;
        String region;
        int registrations;
        Instant lastHeartbeat;
        JsonNode extraMetadata;

        MinerEntry(String id) {
            this.id = id;
        }

        SimMiner view() {
            return new SimMiner(id, status, inflight, concurrency, capabilities, region, registrations, lastHeartbeat,
                    extraMetadata == null ? null : extraMetadata.deepCopy());
        }
    }

    void addReport(String jobId, SimReport report) {
        reportLog.computeIfAbsent(jobId, k -> new ArrayList<>()).add(report);
    }

    List<SimReport> reports(String jobId) {
        return List.copyOf(reportLog.getOrDefault(jobId, List.of()));
    }

    SimJob view(JobEntry job, Instant now) {
        return new SimJob(job.id, job.effectiveState(now), job.assignedMiner, job.error, job.payload.deepCopy(),
                job.constraints.deepCopy(), job.requestedAt, job.expiresAt, reports(job.id), job.assignedAt);
    }
}
