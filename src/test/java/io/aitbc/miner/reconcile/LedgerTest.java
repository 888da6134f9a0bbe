package io.aitbc.miner.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.aitbc.miner.coordinator.ListedJob;
import io.aitbc.miner.queue.HeldJobs;

class LedgerTest {

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final Duration DELAY = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofSeconds(3);

    private final Ledger ledger = new Ledger(DELAY, POLL, T0);

    @Test
    void ambiguousUploadStillListedIsResentOnlyOnceTheDelayHasPassed() {
        ledger.ambiguous("a", T0);
        HeldJobs held = outbox("a");

        assertThat(ledger.plan(held, Set.of("a"), listed("a"), T0.plusSeconds(4)).resend()).isEmpty();
        assertThat(ledger.plan(held, Set.of("a"), listed("a"), T0.plusSeconds(5)).resend()).containsExactly("a");
    }

    @Test
    void ambiguousUploadMissingFromTwoListingsLandedAndIsNeverResent() {
        ledger.ambiguous("a", T0);
        HeldJobs held = outbox("a");

        Ledger.Plan first = ledger.plan(held, Set.of("a"), listed(), T0.plusSeconds(6));
        assertThat(first.settle()).isEmpty();
        assertThat(first.resend()).isEmpty();
        assertThat(ledger.unsettled()).isTrue();

        Ledger.Plan second = ledger.plan(held, Set.of("a"), listed(), T0.plusSeconds(12));
        assertThat(second.settle()).containsExactly("a");
        assertThat(second.resend()).isEmpty();
        assertThat(ledger.unsettled()).isFalse();
    }

    @Test
    void listingsTakenTooSoonAfterTheAmbiguousCallProveNothing() {
        ledger.ambiguous("a", T0);
        HeldJobs held = outbox("a");
        ledger.plan(held, Set.of("a"), listed(), T0.plusSeconds(1));
        ledger.plan(held, Set.of("a"), listed(), T0.plusSeconds(2));
        assertThat(ledger.plan(held, Set.of("a"), listed(), T0.plusSeconds(6)).settle()).isEmpty();
    }

    @Test
    void outboxLeftByAStoppedProcessCountsFromStartUp() {
        HeldJobs held = outbox("left");
        assertThat(ledger.plan(held, Set.of("left"), listed("left"), T0.plusSeconds(1)).resend()).isEmpty();
        assertThat(ledger.plan(held, Set.of("left"), listed("left"), T0.plusSeconds(5)).resend())
                .containsExactly("left");
    }

    @Test
    void heldJobMissingFromTwoListingsAPollIntervalApartWasCancelled() {
        HeldJobs held = new HeldJobs(List.of("r"), List.of("d"), List.of("x"), List.of());

        assertThat(ledger.plan(held, Set.of(), listed("d"), T0).cancel()).isEmpty();
        assertThat(ledger.plan(held, Set.of(), listed("d"), T0.plusSeconds(2)).cancel())
                .as("second listing less than a poll interval later").isEmpty();
        assertThat(ledger.plan(held, Set.of(), listed("d"), T0.plusSeconds(3)).cancel()).containsExactlyInAnyOrder("r",
                "x");
    }

    @Test
    void aJobListedAgainIsNotCancelled() {
        HeldJobs held = new HeldJobs(List.of("r"), List.of(), List.of(), List.of());
        ledger.plan(held, Set.of(), listed(), T0);
        ledger.plan(held, Set.of(), listed("r"), T0.plusSeconds(3));
        assertThat(ledger.plan(held, Set.of(), listed(), T0.plusSeconds(6)).cancel()).isEmpty();
    }

    @Test
    void listedJobsNotHeldAreCandidatesForAdoption() {
        HeldJobs held = new HeldJobs(List.of("r"), List.of(), List.of(), List.of("o"));
        Ledger.Plan plan = ledger.plan(held, Set.of(), listed("r", "o", "lost"), T0);
        assertThat(plan.unknown()).extracting(ListedJob::jobId).containsExactly("lost");
    }

    private static HeldJobs outbox(String... ids) {
        return new HeldJobs(List.of(), List.of(), List.of(), List.of(ids));
    }

    private static Map<String, ListedJob> listed(String... ids) {
        return Stream.of(ids).collect(Collectors.toMap(id -> id,
                id -> new ListedJob(id, Optional.empty(), JsonNodeFactory.instance.objectNode())));
    }
}
