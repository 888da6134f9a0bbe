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
import io.aitbc.miner.job.JobType;
import io.quarkus.logging.Log;

/**
 * The runner package's facade: classifies a payload and runs the job on the runner of its type, always ending in one
 * {@link JobOutcome}. Types without a runner on this node fail with {@code E_UNSUPPORTED}; a runner that throws
 * fails the job with {@code E_INTERNAL} instead of taking the pipeline down.
 */
@ApplicationScoped
public class RunnerDispatcher {

    private static final int TYPE_SHOWN_MAX = 40;

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
     * The job type a payload asks for: its {@code type} field, or {@code inference} for {@code model} + {@code prompt}
     * without a type; {@link JobType#UNKNOWN} for anything else (also for payloads that are not objects).
     */
    public JobType classify(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            return JobType.UNKNOWN;
        }
        JsonNode type = payload.get("type");
        if (type == null) {
            return payload.has("model") && payload.has("prompt") ? JobType.INFERENCE : JobType.UNKNOWN;
        }
        return switch (type.isTextual() ? type.asText() : "") {
            case "inference" -> JobType.INFERENCE;
            case "cli" -> JobType.CLI;
            case "python" -> JobType.PYTHON;
            case "transcribe" -> JobType.TRANSCRIBE;
            case "reencode" -> JobType.REENCODE;
            default -> JobType.UNKNOWN;
        };
    }

    /**
     * Runs a job to its outcome, with {@code job_id} in the logging context.
     *
     * @throws InterruptedException when the agent stops the job; no outcome is reported then
     */
    public JobOutcome run(Job job) throws InterruptedException {
        MDC.put("job_id", job.id());
        try {
            JobOutcome outcome = dispatch(job);
            if (outcome.errorCode() != null) {
                MDC.put("error_code", outcome.errorCode().name());
                Log.debugf("job failed: %s", outcome.body().path("error_message").asText());
            }
            return outcome;
        } finally {
            MDC.remove("error_code");
            MDC.remove("job_id");
        }
    }

    private JobOutcome dispatch(Job job) throws InterruptedException {
        JsonNode payload = job.payload();
        if (payload == null || !payload.isObject()) {
            return JobOutcome.failure(ErrorCode.E_BADJOB,
                    "payload must be a JSON object, not " + (payload == null ? "nothing" : nodeKind(payload)));
        }
        JsonNode type = payload.get("type");
        if (type != null && !type.isTextual()) {
            return JobOutcome.failure(ErrorCode.E_BADJOB, "'type' must be a string, not " + nodeKind(type));
        }
        JobType kind = classify(payload);
        if (kind == JobType.UNKNOWN) {
            return unknown(type);
        }
        JobRunner runner = runners.get(kind);
        if (runner == null) {
            return JobOutcome.failure(ErrorCode.E_UNSUPPORTED, kind.label() + " jobs are not enabled on this node");
        }
        return runSafely(runner, job);
    }

    private static JobOutcome unknown(JsonNode type) {
        if (type == null) {
            return JobOutcome.failure(ErrorCode.E_BADJOB,
                    "payload has no 'type', and no 'model' and 'prompt' for an inference job");
        }
        return JobOutcome.failure(ErrorCode.E_UNSUPPORTED,
                "job type '" + sanitise(type.asText()) + "' is not a job type this node knows");
    }

    private static JobOutcome runSafely(JobRunner runner, Job job) throws InterruptedException {
        try {
            JobOutcome outcome = runner.run(job);
            if (outcome == null) {
                return JobOutcome.failure(ErrorCode.E_INTERNAL, runner.type().label() + " runner gave no outcome");
            }
            return outcome;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            Log.errorf(e, "%s runner failed unexpectedly", runner.type().label());
            return JobOutcome.failure(ErrorCode.E_INTERNAL,
                    runner.type().label() + " runner failed: " + e.getClass().getName());
        }
    }

    /** The type as it may appear in a message: printable word characters only, cut to a bounded length. */
    static String sanitise(String type) {
        String shown = type.length() <= TYPE_SHOWN_MAX ? type : type.substring(0, TYPE_SHOWN_MAX) + "...";
        return shown.replaceAll("[^A-Za-z0-9._-]", "?");
    }

    private static String nodeKind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
