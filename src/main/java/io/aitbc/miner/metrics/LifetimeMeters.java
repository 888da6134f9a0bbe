package io.aitbc.miner.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.JobType;
import io.aitbc.miner.queue.LifetimeTotals;
import io.aitbc.miner.queue.QueueUnavailableException;
import io.aitbc.miner.queue.Totals;
import io.aitbc.miner.queue.Totals.JobTally;
import io.aitbc.miner.telemetry.MeterNames;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * The lasting totals of D45 as Prometheus counters that do not reset when the agent restarts: each reads the totals
 * {@link LifetimeTotals} last read from Redis. No series is exposed before the first read, since a counter that showed
 * 0 and then the stored total would look like a reset followed by a leap; the usual series exist from then on (every
 * type × outcome × code, both unit types, every receipt check, the two usual TEE statuses), others as they are first counted.
 */
@Startup
@ApplicationScoped
public class LifetimeMeters {

    static final String NONE = "none";
    private static final List<String> UNITS = List.of("gpu_seconds", "cpu_seconds");
    private static final List<String> CHECKS = List.of("true", "false", "unchecked");
    private static final List<String> TEE_USUAL = List.of("verified", "attestation_rejected");
    private static final List<String> UNREPORTED = List.of("not_found", "cancelled");

    private final MeterRegistry registry;
    private final LifetimeTotals totals;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    LifetimeMeters(MeterRegistry registry, LifetimeTotals totals) {
        this.registry = registry;
        this.totals = totals;
        try {
            totals.read();
            refresh();
        } catch (QueueUnavailableException e) {
            Log.warn("Lasting totals not read at start (Redis away): their series appear once Redis answers");
        }
    }

    /** Registers the series of labels counted since the last look, once the totals have been read. */
    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        Totals last = totals.last();
        if (!totals.everRead()) {
            return;
        }
        for (JobType type : JobType.values()) {
            job(new JobTally(type.label(), outcome(JobOutcome.Report.RESULT), NONE));
            for (ErrorCode code : ErrorCode.values()) {
                job(new JobTally(type.label(), outcome(JobOutcome.Report.FAIL), code.name()));
            }
            UNREPORTED.forEach(outcome -> job(new JobTally(type.label(), outcome, NONE)));
        }
        last.jobs().keySet().forEach(this::job);
        UNITS.forEach(this::unit);
        last.billedMs().keySet().forEach(this::unit);
        last.earningsMicro().keySet().forEach(this::unit);
        CHECKS.forEach(this::receipt);
        last.receipts().keySet().forEach(this::receipt);
        TEE_USUAL.forEach(this::tee);
        last.teeStatuses().keySet().forEach(this::tee);
    }

    private void job(JobTally tally) {
        register(MeterNames.LIFETIME_JOBS, "Jobs settled, counted in Redis", t -> t.jobs().getOrDefault(tally, 0L),
                MeterNames.TYPE, tally.type(), MeterNames.OUTCOME, tally.outcome(), MeterNames.ERROR_CODE,
                tally.errorCode());
    }

    private void unit(String unit) {
        register(MeterNames.LIFETIME_BILLED_SECONDS, "Seconds billed, counted in Redis",
                t -> t.billedMs().getOrDefault(unit, 0L) / 1000.0, MeterNames.UNIT_TYPE, unit);
        register(MeterNames.LIFETIME_EARNINGS, "Earnings (receipts' price), counted in Redis",
                t -> t.earningsMicro().getOrDefault(unit, 0L) / 1_000_000.0, MeterNames.UNIT_TYPE, unit);
    }

    private void receipt(String verified) {
        register(MeterNames.LIFETIME_RECEIPTS, "Receipts received, counted in Redis",
                t -> t.receipts().getOrDefault(verified, 0L), MeterNames.VERIFIED, verified);
    }

    private void tee(String label) {
        register(MeterNames.LIFETIME_TEE_STATUSES, "Receipts' TEE statuses, counted in Redis",
                t -> t.teeStatuses().getOrDefault(label, 0L), MeterNames.STATUS, label);
    }

    private void register(String name, String description, ToDoubleFunction<Totals> value, String... tags) {
        if (registered.add(name + "|" + String.join(",", tags))) {
            FunctionCounter.builder(name, totals, t -> value.applyAsDouble(t.last())).description(description)
                    .tags(tags).register(registry);
        }
    }

    private static String outcome(JobOutcome.Report report) {
        return report.name().toLowerCase(Locale.ROOT);
    }
}
