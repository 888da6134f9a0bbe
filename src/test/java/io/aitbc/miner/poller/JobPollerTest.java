package io.aitbc.miner.poller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.aitbc.miner.coordinator.CoordinatorAnswers;
import io.aitbc.miner.coordinator.Endpoint;
import io.aitbc.miner.coordinator.PolledJob;
import io.aitbc.miner.job.PollAmbiguous;

/** One poll iteration at a time, against fakes: when the poller polls, and what each answer makes it do. */
class JobPollerTest {

    private static final Duration INTERVAL = Duration.ofSeconds(3);

    private final Deque<Supplier<Optional<PolledJob>>> answers = new ArrayDeque<>();
    private final List<PolledJob> accepted = new ArrayList<>();
    private final List<PollAmbiguous> ambiguous = new ArrayList<>();
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger slots = new AtomicInteger(2);
    private final AtomicBoolean mayPoll = new AtomicBoolean(true);
    private final AtomicInteger succeeded = new AtomicInteger();
    private int polls;

    private final JobPoller poller = new JobPoller(this::poll, job -> {
        accepted.add(job);
        held.incrementAndGet();
    }, new PollCapacity(held::get, slots::get), mayPoll::get, succeeded::incrementAndGet, ambiguous::add,
            config(INTERVAL, 3));

    @Test
    void aJobIsHandedOverAndTheNextPollGoesOutAtOnceWhileAnEmptyAnswerWaitsTheInterval() throws Exception {
        PolledJob job = job("j1");
        answers.add(() -> Optional.of(job));
        answers.add(Optional::empty);

        assertThat(poller.iterate()).isZero();
        assertThat(accepted).containsExactly(job);
        assertThat(poller.iterate()).isEqualTo(INTERVAL);
        assertThat(succeeded).hasValue(2);
    }

    @Test
    void nothingIsPolledBeforeRecoveryAndRegistrationNorWhilePaused() throws Exception {
        mayPoll.set(false);
        assertThat(poller.iterate()).isEqualTo(INTERVAL);

        mayPoll.set(true);
        poller.setPaused(true);
        assertThat(poller.iterate()).isEqualTo(INTERVAL);
        assertThat(polls).isZero();

        poller.setPaused(false);
        answers.add(Optional::empty);
        poller.iterate();
        assertThat(polls).isOne();
    }

    @Test
    void jobsHeldFillingEverySlotStopPollingUntilOneIsReported() throws Exception {
        slots.set(1);
        answers.add(() -> Optional.of(job("j1")));
        assertThat(poller.iterate()).isZero();

        assertThat(poller.iterate()).as("the one slot is taken by the held job").isEqualTo(INTERVAL);
        assertThat(polls).isOne();

        held.decrementAndGet();
        answers.add(Optional::empty);
        poller.iterate();
        assertThat(polls).as("the poll's room was given back").isEqualTo(2);
    }

    @Test
    void aRateLimitWaitsForRetryAfter() throws Exception {
        answers.add(() -> {
            throw CoordinatorAnswers.rateLimited(Endpoint.POLL, Duration.ofSeconds(9));
        });
        assertThat(poller.iterate()).isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void anAmbiguousPollIsPublishedWithItsStatus() throws Exception {
        answers.add(() -> {
            throw CoordinatorAnswers.status(Endpoint.POLL, 500);
        });
        answers.add(() -> {
            throw CoordinatorAnswers.reset(Endpoint.POLL);
        });

        assertThat(poller.iterate()).isEqualTo(INTERVAL);
        assertThat(poller.iterate()).isEqualTo(INTERVAL);
        assertThat(ambiguous).containsExactly(new PollAmbiguous(500), new PollAmbiguous(0));
        assertThat(ambiguous.get(0).serverError()).isTrue();
        assertThat(succeeded).hasValue(0);
    }

    @Test
    void aRefusedKeySlowsPollingFourfoldAndOtherFailuresWaitTheInterval() throws Exception {
        answers.add(() -> {
            throw CoordinatorAnswers.status(Endpoint.POLL, 401);
        });
        answers.add(() -> {
            throw CoordinatorAnswers.refused(Endpoint.POLL);
        });

        assertThat(poller.iterate()).isEqualTo(INTERVAL.multipliedBy(4));
        assertThat(poller.iterate()).isEqualTo(INTERVAL);
        assertThat(ambiguous).isEmpty();
        assertThat(accepted).isEmpty();
    }

    private Optional<PolledJob> poll() {
        polls++;
        return answers.removeFirst().get();
    }

    private static PolledJob job(String id) {
        return new PolledJob(id, JsonNodeFactory.instance.objectNode().put("type", "inference"),
                JsonNodeFactory.instance.objectNode());
    }

    private static PollConfig config(Duration interval, int concurrency) {
        return new PollConfig() {
            @Override
            public Duration interval() {
                return interval;
            }

            @Override
            public int concurrency() {
                return concurrency;
            }
        };
    }
}
