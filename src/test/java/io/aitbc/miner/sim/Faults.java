package io.aitbc.miner.sim;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Faults armed per endpoint; each applies to its next calls in the order injected. Thread-safe. */
public final class Faults {

    private final Map<Endpoint, Deque<Armed>> armed = new EnumMap<>(Endpoint.class);

    /** Arms {@code fault} for the next {@link Fault#times()} calls of {@code endpoint}, after those armed before. */
    public synchronized void inject(Endpoint endpoint, Fault fault) {
        armed.computeIfAbsent(endpoint, e -> new ArrayDeque<>()).addLast(new Armed(fault, fault.times()));
    }

    /** Disarms every fault. */
    public synchronized void clear() {
        armed.clear();
    }

    /** The fault for this call of {@code endpoint}, consuming one of its applications. */
    synchronized Optional<Fault> take(Endpoint endpoint) {
        Deque<Armed> queue = armed.get(endpoint);
        if (queue == null || queue.isEmpty()) {
            return Optional.empty();
        }
        Armed head = queue.peekFirst();
        if (--head.left == 0) {
            queue.removeFirst();
        }
        return Optional.of(head.fault);
    }

    private static final class Armed {
        private final Fault fault;
        private int left;

        private Armed(Fault fault, int left) {
            this.fault = fault;
            this.left = left;
        }
    }
}
