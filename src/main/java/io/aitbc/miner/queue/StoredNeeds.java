package io.aitbc.miner.queue;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.job.JobState;
import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.job.SlotNeed;

/**
 * The job hash's {@link JobField#SLOT} field: the slot need decided at enqueue ({@link SlotNeedRule}) as text, {@code cpu},
 * {@code inference}, {@code gpu} or {@code gpu:<min VRAM GiB>}. A job stored before the field existed has its need
 * decided again from its payload.
 */
@ApplicationScoped
class StoredNeeds {

    private static final String SEPARATOR = ":";

    private final QueueStore store;
    private final SlotNeedRule rule;

    StoredNeeds(QueueStore store, SlotNeedRule rule) {
        this.store = store;
        this.rule = rule;
    }

    /** The need of a job waiting in {@code ready}; empty when it is in another state (it moved on, or is gone). */
    Optional<SlotNeed> ofReady(String jobId) {
        List<String> fields = store.fields(jobId, JobField.STATE, JobField.SLOT);
        if (!JobState.READY.label().equals(fields.get(0))) {
            return Optional.empty();
        }
        if (fields.get(1) != null) {
            return Optional.of(parse(fields.get(1)));
        }
        List<String> content = store.fields(jobId, JobField.PAYLOAD, JobField.CONSTRAINTS);
        return Optional.of(rule.of(store.tree(content.get(0) == null ? "null" : content.get(0)),
                store.tree(content.get(1) == null ? "{}" : content.get(1))));
    }

    static String text(SlotNeed need) {
        String kind = need.kind().name().toLowerCase(Locale.ROOT);
        return need.minVramGb() > 0 ? kind + SEPARATOR + need.minVramGb() : kind;
    }

    static SlotNeed parse(String text) {
        String[] parts = text.split(SEPARATOR, 2);
        SlotKind kind = SlotKind.valueOf(parts[0].toUpperCase(Locale.ROOT));
        return new SlotNeed(kind, parts.length > 1 ? Double.parseDouble(parts[1]) : 0);
    }
}
