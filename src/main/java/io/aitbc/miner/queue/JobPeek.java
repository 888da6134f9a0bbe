package io.aitbc.miner.queue;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.job.JobState;

/**
 * Reads a ready job's payload and constraints without claiming it (one {@code HMGET}), so the scheduler can tell
 * which slot pool it needs while that pool is full: the job then keeps waiting in {@code ready} (D12, D13).
 */
@ApplicationScoped
public class JobPeek {

    /**
     * A ready job's content.
     *
     * @param payload what the client submitted
     * @param constraints the dispatch constraints
     */
    public record Peeked(JsonNode payload, JsonNode constraints) {
    }

    private final QueueStore store;

    JobPeek(QueueStore store) {
        this.store = store;
    }

    /** The job's payload and constraints while it is in {@code ready}; empty otherwise. */
    public Optional<Peeked> ready(String jobId) {
        List<String> fields = store.fields(jobId, JobField.STATE, JobField.PAYLOAD, JobField.CONSTRAINTS);
        if (!JobState.READY.label().equals(fields.get(0)) || fields.get(1) == null) {
            return Optional.empty();
        }
        return Optional.of(new Peeked(store.tree(fields.get(1)),
                store.tree(fields.get(2) == null ? "{}" : fields.get(2))));
    }
}
