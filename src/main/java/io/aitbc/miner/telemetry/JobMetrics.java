package io.aitbc.miner.telemetry;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.JobType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/**
 * Job meters: outcomes by type, outcome and error code, the runner's wall time, pickup latency, upload retries and, for
 * inference, tokens per second and time to the first token per model. Every type × outcome × code series exists from
 * start. Labels never carry a job id; the id only keys a bounded in-memory map of wake-up times.
 */
@Startup
@ApplicationScoped
public class JobMetrics {

    static final String NONE = "none";
    private static final int MAX_WAITING = 10_000;
    private static final double NANOS_PER_SECOND = 1e9;

    private final MeterRegistry registry;
    private final ModelLabels models;
    private final Map<String, Long> waitingSince = new ConcurrentHashMap<>();
    private final Timer pickup;
    private final Counter uploadRetries;

    JobMetrics(MeterRegistry registry, ModelLabels models) {
        this.registry = registry;
        this.models = models;
        this.pickup = Timer.builder(MeterNames.JOB_PICKUP).description("From a job's arrival in ready to its start")
                .publishPercentileHistogram().register(registry);
        this.uploadRetries = Counter.builder(MeterNames.UPLOAD_RETRIES).description("Uploads scheduled again")
                .register(registry);
        for (JobType type : JobType.values()) {
            outcomes(type, JobOutcome.Report.RESULT, NONE);
            for (ErrorCode code : ErrorCode.values()) {
                outcomes(type, JobOutcome.Report.FAIL, code.name());
            }
            duration(type);
        }
        tokensPerSecond(ModelLabels.OTHER);
        firstToken(ModelLabels.OTHER);
    }

    /** A wake-up for a job in {@code ready}; the first one starts its pickup clock. */
    public void waiting(String jobId) {
        if (waitingSince.size() < MAX_WAITING) {
            waitingSince.putIfAbsent(jobId, System.nanoTime());
        }
    }

    /** The job left {@code ready} for a slot (or for another state): its pickup latency is recorded once. */
    public void started(String jobId) {
        Long since = waitingSince.remove(jobId);
        if (since != null) {
            pickup.record(System.nanoTime() - since, TimeUnit.NANOSECONDS);
        }
    }

    /** A job's outcome was committed after {@code runTime} in its runner. */
    public void finished(JobType type, JobOutcome outcome, Duration runTime) {
        String code = outcome.errorCode() == null ? NONE : outcome.errorCode().name();
        outcomes(type, outcome.report(), code).increment();
        duration(type).record(runTime);
        if (type == JobType.INFERENCE && outcome.report() == JobOutcome.Report.RESULT) {
            inference(outcome.body().path("result"));
        }
    }

    /** An upload was scheduled again. */
    public void uploadRetry() {
        uploadRetries.increment();
    }

    /**
     * Tokens per second as Ollama measured it; time to the first token as the generation's wall time less the time
     * spent generating ({@code tokens / tokens_per_second}): model load and prompt evaluation.
     */
    private void inference(JsonNode result) {
        String model = models.label(result.path("model").asText(null));
        double tps = result.path("tokens_per_second").asDouble(0);
        if (tps <= 0) {
            return;
        }
        tokensPerSecond(model).record(tps);
        double generating = result.path("tokens_processed").asDouble(0) / tps;
        double firstToken = Math.max(0, result.path("execution_time").asDouble(0) - generating);
        firstToken(model).record((long) (firstToken * NANOS_PER_SECOND), TimeUnit.NANOSECONDS);
    }

    private Counter outcomes(JobType type, JobOutcome.Report report, String code) {
        return Counter.builder(MeterNames.JOBS).description("Job outcomes committed")
                .tag(MeterNames.TYPE, type.label()).tag(MeterNames.OUTCOME, report.name().toLowerCase(Locale.ROOT))
                .tag(MeterNames.ERROR_CODE, code).register(registry);
    }

    private Timer duration(JobType type) {
        return Timer.builder(MeterNames.JOB_DURATION).description("The runner's wall time per job")
                .tag(MeterNames.TYPE, type.label()).publishPercentileHistogram().register(registry);
    }

    private DistributionSummary tokensPerSecond(String model) {
        return DistributionSummary.builder(MeterNames.TOKENS_PER_SECOND)
                .description("Tokens per second of finished generations").tag(MeterNames.MODEL, model)
                .register(registry);
    }

    private Timer firstToken(String model) {
        return Timer.builder(MeterNames.FIRST_TOKEN).description("Time to the first token: load and prompt evaluation")
                .tag(MeterNames.MODEL, model).register(registry);
    }
}
