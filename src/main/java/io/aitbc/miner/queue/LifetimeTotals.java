package io.aitbc.miner.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.queue.QueueScripts.Script;
import io.aitbc.miner.queue.Totals.JobTally;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.redis.client.Response;

/**
 * The lasting totals of D45 as the agent shows them: read from Redis every {@link #EVERY} when a job settled since the
 * last read (and at least every {@link #RECOUNT_AFTER}), so an idle agent does not ask and a scrape reads memory only;
 * the hourly buckets are read when asked for (the console).
 */
@ApplicationScoped
public class LifetimeTotals {

    /** How often the totals may be read again. */
    static final Duration EVERY = Duration.ofSeconds(5);
    /** Read again after this long even when no job of this process settled. */
    static final Duration RECOUNT_AFTER = Duration.ofMinutes(5);
    /** The most hourly buckets one call answers: as many as are kept. */
    public static final int MAX_HOURS = (int) Buckets.KEPT.toHours();

    private final QueueStore store;
    private volatile Totals last = Totals.NONE;
    private volatile long mark = Long.MIN_VALUE;
    private volatile Instant readAt = Instant.EPOCH;

    LifetimeTotals(QueueStore store) {
        this.store = store;
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        boolean settled = mark == Long.MIN_VALUE || !store.held().unchangedSince(mark);
        if (settled || Duration.between(readAt, Instant.now()).compareTo(RECOUNT_AFTER) > 0) {
            try {
                read();
            } catch (QueueUnavailableException e) {
                // the last totals stand until Redis answers again
            }
        }
    }

    /** The totals as last read; {@link Totals#NONE} before the first read. */
    public Totals last() {
        return last;
    }

    /** Whether the totals were read since the agent started. */
    public boolean everRead() {
        return mark != Long.MIN_VALUE;
    }

    /** Reads the totals now. */
    public Totals read() {
        long before = store.held().mark();
        Totals totals = parse(hashes(List.of(store.keys().totals())).get(0));
        last = totals;
        mark = before;
        readAt = Instant.now();
        return totals;
    }

    /** The last {@code count} hours' buckets (at most {@link #MAX_HOURS}), oldest first, this hour last. */
    public List<Totals.Hour> hours(int count) {
        long now = Buckets.hour(store.millis());
        List<Long> hours = new ArrayList<>();
        for (long hour = now - Math.min(count, MAX_HOURS) + 1; hour <= now; hour++) {
            hours.add(hour);
        }
        List<String> keys = new ArrayList<>(List.of(store.keys().totals()));
        hours.forEach(hour -> keys.add(store.keys().bucket(hour)));
        List<Map<String, Long>> read = hashes(keys);
        List<Totals.Hour> answer = new ArrayList<>(hours.size());
        for (int i = 0; i < hours.size(); i++) {
            Map<String, Long> bucket = read.get(i + 1);
            Map<String, Long> jobs = new HashMap<>();
            bucket.forEach((field, value) -> family(field, TotalField.JOBS).ifPresent(o -> jobs.put(o, value)));
            answer.add(new Totals.Hour(Instant.ofEpochMilli(Buckets.start(hours.get(i))), jobs,
                    bucket.getOrDefault(TotalField.BILLED_MS.key(), 0L),
                    bucket.getOrDefault(TotalField.EARNINGS_MICRO.key(), 0L)));
        }
        return answer;
    }

    private List<Map<String, Long>> hashes(List<String> keys) {
        Response answer = store.read(Script.TOTALS, keys);
        List<Map<String, Long>> hashes = new ArrayList<>(answer.size());
        for (Response hash : answer) {
            Map<String, Long> fields = new HashMap<>();
            for (int i = 0; i + 1 < hash.size(); i += 2) {
                fields.put(hash.get(i).toString(), hash.get(i + 1).toLong());
            }
            hashes.add(fields);
        }
        return hashes;
    }

    static Totals parse(Map<String, Long> fields) {
        Map<JobTally, Long> jobs = new HashMap<>();
        Map<TotalField, Map<String, Long>> labelled = new EnumMap<>(TotalField.class);
        fields.forEach((field, value) -> {
            String[] parts = field.split(TotalField.SEPARATOR, -1);
            if (parts.length == 4 && parts[0].equals(TotalField.JOBS.key())) {
                jobs.put(new JobTally(parts[1], parts[2], parts[3]), value);
            } else if (parts.length == 2) {
                Arrays.stream(TotalField.values()).filter(f -> f != TotalField.JOBS && f.key().equals(parts[0]))
                        .findFirst().ifPresent(f -> labelled.computeIfAbsent(f, k -> new HashMap<>()).put(parts[1], value));
            }
        });
        return new Totals(Map.copyOf(jobs), labels(labelled, TotalField.BILLED_MS),
                labels(labelled, TotalField.EARNINGS_MICRO), labels(labelled, TotalField.RECEIPTS),
                labels(labelled, TotalField.TEE));
    }

    private static Map<String, Long> labels(Map<TotalField, Map<String, Long>> labelled, TotalField family) {
        return Map.copyOf(labelled.getOrDefault(family, Map.of()));
    }

    private static Optional<String> family(String field, TotalField family) {
        String prefix = family.key() + TotalField.SEPARATOR;
        return field.startsWith(prefix) ? Optional.of(field.substring(prefix.length())) : Optional.empty();
    }
}
