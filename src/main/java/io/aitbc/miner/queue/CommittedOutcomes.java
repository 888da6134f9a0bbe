package io.aitbc.miner.queue;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The outcomes this process committed to the outbox in the last moments. If Redis restarts and loses an acknowledged
 * {@code complete} (a slow fsync with {@code appendfsync everysec}), the job would sit in {@code running} with no runner,
 * though its report may already be uploaded; with its outcome at hand it goes back to the outbox, to be reconciled.
 * <p>
 * Only a write made shortly before the newest commit can be lost, so an outcome is kept while it is within
 * {@link #WINDOW} of the newest one (an outage adds nothing, so nothing ages out while Redis is away), as the JSON
 * text the outbox holds, and never beyond {@link #BUDGET_CHARS} in all. An outcome dropped for the budget and then lost
 * by Redis leaves its job in {@code running} until the next start re-runs or fails it (D8).
 */
final class CommittedOutcomes {

    /** Far beyond the one or two seconds {@code appendfsync everysec} can lose. */
    static final Duration WINDOW = Duration.ofSeconds(5);
    /** Characters of outcome bodies held at most, so large results cannot fill a small heap. */
    static final long BUDGET_CHARS = 4L << 20;

    /** An outcome as {@code complete.lua} takes it. */
    record Committed(String report, String errorCode, String body, long atNanos) {
    }

    private final Map<String, Committed> outcomes = new LinkedHashMap<>();
    private final LongSupplier nanoClock;
    private long chars;

    CommittedOutcomes(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    synchronized void remember(String jobId, String report, String errorCode, String body) {
        long now = nanoClock.getAsLong();
        forget(outcomes.remove(jobId));
        outcomes.put(jobId, new Committed(report, errorCode, body, now));
        chars += body.length();
        Iterator<Committed> oldestFirst = outcomes.values().iterator();
        while (oldestFirst.hasNext()) {
            Committed oldest = oldestFirst.next();
            if (chars <= BUDGET_CHARS && now - oldest.atNanos() <= WINDOW.toNanos()) {
                return;
            }
            oldestFirst.remove();
            forget(oldest);
        }
    }

    synchronized Optional<Committed> of(String jobId) {
        return Optional.ofNullable(outcomes.get(jobId));
    }

    private void forget(Committed outcome) {
        if (outcome != null) {
            chars -= outcome.body().length();
        }
    }
}
