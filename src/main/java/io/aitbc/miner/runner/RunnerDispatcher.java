package io.aitbc.miner.runner;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.MDC;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.JobRunner;
import io.aitbc.miner.job.JobType;
import io.aitbc.miner.job.PayloadText;
import io.aitbc.miner.job.Placement;
import io.aitbc.miner.job.RawOutcome;
import io.quarkus.logging.Log;

/**
 * The runner package's facade: runs the job on the runner of its payload's type ({@link JobType#of}), always ending in
 * one raw outcome. Types without a runner on this node fail with {@code E_UNSUPPORTED}; a runner that throws fails the
 * job with {@code E_INTERNAL} instead of taking the pipeline down.
 */
@ApplicationScoped
public class RunnerDispatcher {

    private final Map<JobType, JobRunner> runners = new EnumMap<>(JobType.class);

    @Inject
    public RunnerDispatcher(Instance<JobRunner> runners) {
        this((Iterable<JobRunner>) runners);
    }

    /** A dispatcher over the given runners; the first runner of each type wins. */
    RunnerDispatcher(Iterable<JobRunner> runners) {
        for (JobRunner runner : runners) {
            this.runners.putIfAbsent(runner.type(), runner);
        }
    }

    /**
     * Runs a job to its outcome, with {@code job_id} in the logging context.
     *
     * @param placement the slot the job holds
     * @throws InterruptedException when the agent stops the job; no outcome is reported then
     */
    public RawOutcome run(Job job, Placement placement) throws InterruptedException {
        MDC.put("job_id", job.id());
        try {
            RawOutcome raw = dispatch(job, placement);
            JobOutcome outcome = raw.outcome();
            if (outcome.errorCode() != null) {
                MDC.put("error_code", outcome.errorCode().name());
                Log.debugf("job failed: %s", outcome.body().path("error_message").asText());
            }
            return raw;
        } finally {
            MDC.remove("error_code");
            MDC.remove("job_id");
        }
    }

    private RawOutcome dispatch(Job job, Placement placement) throws InterruptedException {
        JsonNode payload = job.payload();
        if (payload == null || !payload.isObject()) {
            return failure(ErrorCode.E_BADJOB,
                    "payload must be a JSON object, not " + (payload == null ? "nothing" : nodeKind(payload)));
        }
        JsonNode type = payload.get("type");
        if (type != null && !type.isTextual()) {
            return failure(ErrorCode.E_BADJOB, "'type' must be a string, not " + nodeKind(type));
        }
        JobType kind = JobType.of(payload);
        if (kind == JobType.UNKNOWN) {
            return unknown(type);
        }
        JobRunner runner = runners.get(kind);
        if (runner == null) {
            return failure(ErrorCode.E_UNSUPPORTED, kind.label() + " jobs are not enabled on this node");
        }
        return runSafely(runner, job, placement);
    }

    private static RawOutcome unknown(JsonNode type) {
        if (type == null) {
            return failure(ErrorCode.E_BADJOB, "payload has no 'type', and no 'model' and 'prompt' for an inference job");
        }
        String name = PayloadText.sanitise(type.asText());
        return failure(ErrorCode.E_UNSUPPORTED, "job type '" + name + "' is not a job type this node knows");
    }

    private static RawOutcome runSafely(JobRunner runner, Job job, Placement placement) throws InterruptedException {
        try {
            RawOutcome outcome = runner.run(job, placement);
            if (outcome == null) {
                return failure(ErrorCode.E_INTERNAL, runner.type().label() + " runner gave no outcome");
            }
            return outcome;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            Log.errorf(e, "%s runner failed unexpectedly", runner.type().label());
            return failure(ErrorCode.E_INTERNAL, runner.type().label() + " runner failed: " + e.getClass().getName());
        }
    }

    private static RawOutcome failure(ErrorCode code, String message) {
        return RawOutcome.unmeasured(JobOutcome.failure(code, message));
    }

    private static String nodeKind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
