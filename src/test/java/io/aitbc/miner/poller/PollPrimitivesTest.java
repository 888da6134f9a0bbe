package io.aitbc.miner.poller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The poller's two primitives: its wake-up bell and its capacity check. */
class PollPrimitivesTest {

    @Test
    void aRingIsKeptForTheNextWaitAndEachRingWakesOneWait() throws Exception {
        WakeUpBell bell = new WakeUpBell();
        assertThat(bell.await(Duration.ZERO)).as("nothing rang").isFalse();

        bell.ring();
        assertThat(bell.await(Duration.ZERO)).as("rung before the wait").isTrue();
        assertThat(bell.await(Duration.ZERO)).isFalse();

        bell.ring(2);
        assertThat(bell.await(Duration.ZERO)).isTrue();
        assertThat(bell.await(Duration.ZERO)).isTrue();
        assertThat(bell.await(Duration.ZERO)).isFalse();
        bell.ring(0);
        assertThat(bell.await(Duration.ZERO)).isFalse();
    }

    @Test
    void pollsInFlightCountLikeJobsHeld() {
        AtomicInteger held = new AtomicInteger(1);
        PollCapacity capacity = new PollCapacity(held::get, () -> 3);

        assertThat(capacity.tryTake()).isTrue();
        assertThat(capacity.tryTake()).isTrue();
        assertThat(capacity.tryTake()).as("1 held + 2 in flight fill 3 slots").isFalse();

        capacity.release();
        assertThat(capacity.tryTake()).isTrue();
        held.set(3);
        capacity.release();
        capacity.release();
        assertThat(capacity.tryTake()).as("every slot held").isFalse();
    }
}
