package io.aitbc.miner.sim;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.sim.SimStore.JobEntry;

/** The coordinator's JobView of the miner jobs listing, nulls included. */
final class JobViews {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private JobViews() {
    }

    /** Python's {@code datetime.isoformat()} of a naive UTC time: microseconds only when not zero. */
    static String isoNaive(LocalDateTime time) {
        int micros = time.getNano() / 1000;
        return SECONDS.format(time) + (micros == 0 ? "" : String.format(".%06d", micros));
    }

    static String isoNaive(Instant instant) {
        return isoNaive(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /** The view with the stored state: the listing does not apply expiry. */
    static ObjectNode of(JobEntry job) {
        ObjectNode view = PythonJson.object();
        view.put("job_id", job.id);
        view.put("state", job.state.name());
        view.put("assigned_miner_id", job.assignedMiner);
        view.put("requested_at", isoNaive(job.requestedAt));
        view.put("expires_at", isoNaive(job.expiresAt));
        view.put("error", job.error);
        view.putNull("payment_id");
        view.putNull("payment_status");
        view.putNull("zk_status");
        view.set("payload", job.payload.deepCopy());
        view.set("result", job.result == null ? view.nullNode() : job.result.deepCopy());
        view.putNull("zk_proof_id");
        view.put("tee_status", job.teeStatus);
        view.putNull("tee_attestation_id");
        view.set("auto_reinvest_pct", job.constraints.get("auto_reinvest_pct"));
        view.putNull("reinvest_status");
        view.putNull("reinvest_stake_id");
        return view;
    }
}
