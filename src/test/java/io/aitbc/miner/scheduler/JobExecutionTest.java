package io.aitbc.miner.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobFinished;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.Placement;
import io.aitbc.miner.job.RawOutcome;
import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.queue.Fate;

/** A claimed job's way to the queue, with a fake runner, fake result rules and a fake queue (no Redis, no Quarkus). */
class JobExecutionTest {

    private static final Job JOB = new Job("j1", JsonNodeFactory.instance.objectNode(),
            JsonNodeFactory.instance.objectNode(), Instant.parse("2026-12-01T10:00:00Z"), 1);

    private final List<JobOutcome> settled = new ArrayList<>();
    private final List<JobFinished> announced = new ArrayList<>();
    private Fate fate = Fate.COMMITTED;

    @Test
    void theCappedOutcomeGoesToTheQueueAndIsAnnouncedWithTheRunTime() throws InterruptedException {
        JobOutcome result = JobOutcome.success(JsonNodeFactory.instance.objectNode().put("output", "long"),
                JsonNodeFactory.instance.objectNode());
        JobOutcome capped = JobOutcome.success(JsonNodeFactory.instance.objectNode().put("output", "cut"),
                JsonNodeFactory.instance.objectNode());

        execution(job -> result, outcome -> outcome == result ? capped : outcome).run(JOB, Placement.of(SlotKind.CPU));

        assertThat(settled).containsExactly(capped);
        assertThat(announced).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isSameAs(capped);
            assertThat(event.runTime()).isGreaterThanOrEqualTo(Duration.ZERO);
        });
    }

    @Test
    void aRetriedRunIsNotAnnounced() throws InterruptedException {
        fate = Fate.RETRIED;

        execution(job -> JobOutcome.failure(ErrorCode.E_RUNNER, "down"), outcome -> outcome).run(JOB,
                Placement.of(SlotKind.CPU));

        assertThat(settled).extracting(JobOutcome::errorCode).containsExactly(ErrorCode.E_RUNNER);
        assertThat(announced).isEmpty();
    }

    @Test
    void aDiscardedOutcomeIsStillAnnounced() throws InterruptedException {
        fate = Fate.DISCARDED;

        execution(job -> JobOutcome.failure(ErrorCode.E_EXIT, "1"), outcome -> outcome).run(JOB, Placement.of(SlotKind.CPU));

        assertThat(announced).hasSize(1);
    }

    @Test
    void aRunnerThatThrowsFailsTheJobWithEInternal() throws InterruptedException {
        execution(job -> {
            throw new IllegalStateException("bug");
        }, outcome -> outcome).run(JOB, Placement.of(SlotKind.CPU));

        assertThat(settled).singleElement().satisfies(outcome -> {
            assertThat(outcome.errorCode()).isEqualTo(ErrorCode.E_INTERNAL);
            assertThat(outcome.body().path("error_message").asText()).contains("IllegalStateException");
        });
    }

    @Test
    void aStoppedJobSettlesNothing() {
        assertThatThrownBy(() -> execution(job -> {
            throw new InterruptedException("stopped");
        }, outcome -> outcome).run(JOB, Placement.of(SlotKind.CPU))).isInstanceOf(InterruptedException.class);

        assertThat(settled).isEmpty();
        assertThat(announced).isEmpty();
    }

    /** A runner that answers {@code outcomeOf(job)} unmeasured, and result rules that are {@code rules}. */
    private JobExecution execution(Outcomes outcomeOf, UnaryOperator<JobOutcome> rules) {
        return new JobExecution((job, placement) -> RawOutcome.unmeasured(outcomeOf.of(job)),
                (raw, slot) -> rules.apply(raw.outcome()), (job, outcome) -> {
                    settled.add(outcome);
                    return fate;
                }, announced::add);
    }

    @FunctionalInterface
    private interface Outcomes {
        JobOutcome of(Job job) throws InterruptedException;
    }

}
