package io.aitbc.miner.poller;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Whether one more poll fits (D13): the jobs held plus the polls in flight, this one included, may not exceed the
 * slots, so every job a poll may bring finds a slot. A poll takes its room before it is sent and gives it back once
 * its job, if any, is held.
 */
final class PollCapacity {

    private final IntSupplier held;
    private final IntSupplier slots;
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * @param held the jobs polled and not yet reported (nor dead)
     * @param slots every slot of every pool
     */
    PollCapacity(IntSupplier held, IntSupplier slots) {
        this.held = held;
        this.slots = slots;
    }

    /** Takes room for one poll if it fits; a {@code true} answer must be followed by {@link #release()}. */
    boolean tryTake() {
        if (held.getAsInt() + inFlight.incrementAndGet() > slots.getAsInt()) {
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Gives back the room of a poll that ended. */
    void release() {
        inFlight.decrementAndGet();
    }
}
