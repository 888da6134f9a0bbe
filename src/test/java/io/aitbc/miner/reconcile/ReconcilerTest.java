package io.aitbc.miner.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.aitbc.miner.coordinator.CoordinatorAnswers;
import io.aitbc.miner.coordinator.Endpoint;
import io.aitbc.miner.coordinator.ListedJob;
import io.aitbc.miner.job.PollAmbiguous;
import io.aitbc.miner.job.UploadAmbiguous;
import io.aitbc.miner.queue.OutboxSuspected;
import io.aitbc.miner.testing.ManualClock;

/** When rounds run: rounds are run by hand from a timer that only records what was asked of it. */
class ReconcilerTest {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final Duration DELAY = Duration.ofSeconds(5);

    private final ManualClock clock = new ManualClock(T0);
    private final FakeHeldJobStore store = new FakeHeldJobStore();
    private final ManualTimer timer = new ManualTimer();
    private final AtomicBoolean recovered = new AtomicBoolean(true);
    private final AtomicInteger listings = new AtomicInteger();
    private boolean coordinatorAway;
    private List<ListedJob> listing = List.of();
    private final Reconciler reconciler = new Reconciler(new ReconcileRound(store, this::list, id -> {
    }, new Ledger(DELAY, Duration.ofSeconds(3), T0), clock), recovered::get, DELAY, timer);

    @Test
    void theFirstRoundWaitsForStartUpRecovery() {
        recovered.set(false);
        reconciler.start(null);
        assertThat(timer.waits()).containsExactly(Reconciler.SLACK);

        timer.runNext();
        assertThat(listings).hasValue(0);
        assertThat(timer.waits()).containsExactly(Reconciler.RECOVERY_WAIT.plus(Reconciler.SLACK));

        recovered.set(true);
        timer.runNext();
        assertThat(listings).hasValue(1);
        assertThat(timer.waits()).as("nothing unsettled, no follow-up").isEmpty();
    }

    @Test
    void anAmbiguousUploadIsResentByTheRoundAfterTheDelayWhenStillListed() {
        store.outbox.add("a");
        store.ambiguous.add("a");
        reconciler.uploadAmbiguous(new UploadAmbiguous("a"));
        assertThat(timer.waits()).containsExactly(DELAY.plus(Reconciler.SLACK));

        clock.advance(DELAY.plus(Reconciler.SLACK));
        listing = List.of(new ListedJob("a", Optional.empty(), JsonNodeFactory.instance.objectNode()));
        timer.runNext();

        assertThat(store.resent).containsExactly("a");
        assertThat(timer.waits()).isEmpty();
    }

    @Test
    void roundsFollowAtTheDelayUntilTheAmbiguityIsSettled() {
        store.outbox.add("a");
        store.ambiguous.add("a");
        reconciler.outboxSuspected(new OutboxSuspected(List.of("a")));

        clock.advance(DELAY.plus(Reconciler.SLACK));
        timer.runNext();
        assertThat(store.settled).as("one listing without it proves nothing").isEmpty();
        assertThat(timer.waits()).containsExactly(DELAY.plus(Reconciler.SLACK));

        clock.advance(DELAY.plus(Reconciler.SLACK));
        timer.runNext();
        assertThat(store.settled).containsExactly("a");
        assertThat(store.resent).isEmpty();
        assertThat(timer.waits()).isEmpty();
    }

    @Test
    void aRoundWithoutTheListingIsVoidAndTriedAgainWhileSomethingIsUnsettled() {
        store.outbox.add("a");
        store.ambiguous.add("a");
        reconciler.uploadAmbiguous(new UploadAmbiguous("a"));
        coordinatorAway = true;

        clock.advance(DELAY.plus(Reconciler.SLACK));
        timer.runNext();
        assertThat(store.resent).isEmpty();
        assertThat(store.settled).isEmpty();
        assertThat(timer.waits()).containsExactly(DELAY.plus(Reconciler.SLACK));
    }

    @Test
    void anAmbiguousPollIsFollowedByARoundAfterTheDelay() {
        reconciler.pollAmbiguous(new PollAmbiguous(500));
        reconciler.regularRound();
        assertThat(timer.waits()).containsExactly(DELAY.plus(Reconciler.SLACK), Reconciler.SLACK);
    }

    private List<ListedJob> list() {
        listings.incrementAndGet();
        if (coordinatorAway) {
            throw CoordinatorAnswers.refused(Endpoint.LIST_JOBS);
        }
        return listing;
    }

    /** Records the rounds asked for, in order; a test runs them when it wants. */
    private static final class ManualTimer implements RoundTimer {

        private record Pending(Runnable round, Duration delay) {
        }

        private final Deque<Pending> pending = new ArrayDeque<>();

        @Override
        public void schedule(Runnable round, Duration wait) {
            pending.addLast(new Pending(round, wait));
        }

        @Override
        public void stop() {
            pending.clear();
        }

        List<Duration> waits() {
            return pending.stream().map(Pending::delay).toList();
        }

        void runNext() {
            pending.removeFirst().round().run();
        }
    }
}
