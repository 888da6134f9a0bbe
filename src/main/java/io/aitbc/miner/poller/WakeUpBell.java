package io.aitbc.miner.poller;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Ends the poll loops' waits early: each ring wakes one waiting loop, and a ring while no loop waits is kept for the
 * next wait, so a wake-up is never lost between a loop's iteration and its wait.
 */
final class WakeUpBell {

    private final Semaphore rings = new Semaphore(0);

    /** Wakes one loop. */
    void ring() {
        rings.release();
    }

    /** Wakes {@code loops} loops (none for 0). */
    void ring(int loops) {
        rings.release(loops);
    }

    /** Waits at most {@code pause} for a ring; whether one came. */
    boolean await(Duration pause) throws InterruptedException {
        return rings.tryAcquire(pause.toMillis(), TimeUnit.MILLISECONDS);
    }
}
