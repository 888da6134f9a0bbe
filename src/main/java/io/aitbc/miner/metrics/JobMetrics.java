package io.aitbc.miner.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.JobFinished;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.JobStarted;
import io.aitbc.miner.job.JobType;
import io.aitbc.miner.job.JobWaiting;
import io.aitbc.miner.job.UploadRetried;
import io.aitbc.miner.telemetry.MeterNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/**
 * Job meters, recorded from the pipeline's events: outcomes by type, outcome and error code, the runner's wall time,
 * pickup latency, upload retries and, for inference, tokens per second and time to the first token per model. Every
 * type × outcome × code series exists from start. Labels never carry a job id; the id only keys a bounded in-memory
 * map of wake-up times.
 */
@Startup
@ApplicationScoped
public class JobMetrics {

    static final String NONE = "none";
    private static final int MAX_WAITING = 10_000;

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

    /** The first wake-up for a job in {@code ready} starts its pickup clock. */
    void waiting(@Observes JobWaiting event) {
        if (waitingSince.size() < MAX_WAITING) {
            waitingSince.putIfAbsent(event.jobId(), System.nanoTime());
        }
    }

    /** The job left {@code ready} for a slot: its pickup latency is recorded once. */
    void started(@Observes JobStarted event) {
        Long since = waitingSince.remove(event.jobId());
        if (since != null) {
            pickup.record(System.nanoTime() - since, TimeUnit.NANOSECONDS);
        }
    }

    void finished(@Observes JobFinished event) {
        JobOutcome outcome = event.outcome();
        String code = outcome.errorCode() == null ? NONE : outcome.errorCode().name();
        outcomes(event.type(), outcome.report(), code).increment();
        duration(event.type()).record(event.runTime());
        if (event.type() == JobType.INFERENCE && outcome.report() == JobOutcome.Report.RESULT) {
            inference(event, outcome.body().path("result"));
        }
    }

    void uploadRetried(@Observes UploadRetried event) {
        uploadRetries.increment();
    }

    /** Tokens per second as Ollama measured it; time to the first token as the stream measured it. */
    private void inference(JobFinished event, JsonNode result) {
        String model = models.label(result.path("model").asText(null));
        double tps = result.path("tokens_per_second").asDouble(0);
        if (tps > 0) {
            tokensPerSecond(model).record(tps);
        }
        event.firstToken().ifPresent(firstToken -> firstToken(model).record(firstToken));
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
        return Timer.builder(MeterNames.FIRST_TOKEN)
                .description("Time to the first token: model load and prompt evaluation").tag(MeterNames.MODEL, model)
                .register(registry);
    }
}
