package io.aitbc.miner.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.aitbc.miner.coordinator.ListedJob;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.testing.ManualClock;

/** What one round does to the jobs held, given what the coordinator lists (D6). */
class ReconcileRoundTest {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final Duration DELAY = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofSeconds(3);

    private final ManualClock clock = new ManualClock(T0);
    private final FakeHeldJobStore store = new FakeHeldJobStore();
    private final List<String> stopped = new ArrayList<>();
    private List<ListedJob> listing = List.of();
    private final ReconcileRound round = new ReconcileRound(store, () -> listing, stopped::add,
            new Ledger(DELAY, POLL, T0), clock);

    @Test
    void anAmbiguousUploadStillListedIsResentAndOneMissingFromTwoListingsIsSettled() throws Exception {
        store.outbox.addAll(List.of("still", "landed"));
        store.ambiguous.addAll(List.of("still", "landed"));
        round.ambiguous("still");
        round.ambiguous("landed");

        clock.advance(DELAY);
        listing = List.of(listed("still", Optional.empty()));
        round.run();
        assertThat(store.resent).containsExactly("still");
        assertThat(store.settled).isEmpty();
        assertThat(round.unsettled()).isTrue();

        clock.advance(DELAY);
        listing = List.of();
        round.run();
        assertThat(store.settled).containsExactly("landed");
        assertThat(store.resent).containsExactly("still");
        assertThat(round.unsettled()).isFalse();
    }

    @Test
    void aHeldJobMissingTwiceIsStoppedOnlyWhenItWasStillUnfinished() throws Exception {
        store.ready.add("queued");
        store.running.add("busy");
        store.finished.add("busy");

        round.run();
        clock.advance(POLL);
        round.run();

        assertThat(store.cancelled).containsExactly("queued");
        assertThat(stopped).containsExactly("queued");
    }

    @Test
    void aListedJobNothingHoldsIsAdoptedWithItsDeadlineUnlessRedisKnowsIt() throws Exception {
        store.known.add("reported");
        Instant expires = T0.plusSeconds(600);
        listing = List.of(listed("lost", Optional.of(expires)), listed("undated", Optional.empty()),
                listed("reported", Optional.empty()), listed("bad id!", Optional.empty()));

        round.run();

        assertThat(store.adopted).containsOnlyKeys("lost", "undated").containsEntry("lost", expires)
                .containsEntry("undated", T0.plus(Job.DEADLINE_BOUND));
    }

    @Test
    void heldJobsTakeTheirDeadlineFromTheListing() throws Exception {
        store.running.addAll(List.of("dated", "undated"));
        Instant expires = T0.plusSeconds(120);
        listing = List.of(listed("dated", Optional.of(expires)), listed("undated", Optional.empty()));

        round.run();

        assertThat(store.deadlines).containsExactly(Map.entry("dated", expires));
        assertThat(store.adopted).isEmpty();
    }

    private static ListedJob listed(String id, Optional<Instant> expires) {
        return new ListedJob(id, expires, JsonNodeFactory.instance.objectNode().put("type", "inference"));
    }
}
