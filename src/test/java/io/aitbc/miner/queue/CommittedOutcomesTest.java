package io.aitbc.miner.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The outcomes kept for a Redis lost write: a window behind the newest commit and a character budget. */
class CommittedOutcomesTest {

    private final AtomicLong now = new AtomicLong();
    private final CommittedOutcomes outcomes = new CommittedOutcomes(now::get);

    @Test
    void keepsTheOutcomesOfTheWindowBeforeTheNewestCommit() {
        outcomes.remember("old", "RESULT", "", "{\"result\":1}");
        now.addAndGet(CommittedOutcomes.WINDOW.toNanos());
        outcomes.remember("edge", "FAIL", "E_RUNNER", "{}");
        assertThat(outcomes.of("old")).isPresent();

        now.incrementAndGet();
        outcomes.remember("new", "RESULT", "", "{}");

        assertThat(outcomes.of("old")).isEmpty();
        assertThat(outcomes.of("edge")).hasValueSatisfying(c -> {
            assertThat(c.report()).isEqualTo("FAIL");
            assertThat(c.errorCode()).isEqualTo("E_RUNNER");
            assertThat(c.body()).isEqualTo("{}");
        });
        assertThat(outcomes.of("new")).isPresent();
    }

    @Test
    void anOutageAgesNothingOut() {
        outcomes.remember("before-the-crash", "RESULT", "", "{}");
        now.addAndGet(CommittedOutcomes.WINDOW.toNanos() * 100);

        assertThat(outcomes.of("before-the-crash")).isPresent();
    }

    @Test
    void theBudgetDropsTheOldestFirstAndNeverHoldsMore() {
        String half = "x".repeat((int) (CommittedOutcomes.BUDGET_CHARS / 2));
        outcomes.remember("a", "RESULT", "", half);
        outcomes.remember("b", "RESULT", "", half);
        assertThat(outcomes.of("a")).isPresent();
        assertThat(outcomes.of("b")).isPresent();

        outcomes.remember("c", "RESULT", "", "{}");

        assertThat(outcomes.of("a")).isEmpty();
        assertThat(outcomes.of("b")).isPresent();
        assertThat(outcomes.of("c")).isPresent();
    }

    @Test
    void anOutcomeLargerThanTheBudgetIsNotKept() {
        outcomes.remember("small", "RESULT", "", "{}");
        outcomes.remember("huge", "RESULT", "", "x".repeat((int) CommittedOutcomes.BUDGET_CHARS + 1));

        assertThat(outcomes.of("small")).isEmpty();
        assertThat(outcomes.of("huge")).isEmpty();
    }

    @Test
    void committingAJobAgainReplacesItsOutcomeAndItsCharacters() {
        String half = "x".repeat((int) (CommittedOutcomes.BUDGET_CHARS / 2));
        outcomes.remember("same", "RESULT", "", half);
        outcomes.remember("same", "RESULT", "", half);
        outcomes.remember("other", "RESULT", "", half);

        assertThat(outcomes.of("same")).isPresent();
        assertThat(outcomes.of("other")).isPresent();
    }
}
