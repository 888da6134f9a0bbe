package io.aitbc.miner.poller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import io.aitbc.miner.coordinator.AmbiguousOutcomeException;
import io.aitbc.miner.coordinator.CoordinatorAuthException;
import io.aitbc.miner.coordinator.CoordinatorClient;
import io.aitbc.miner.coordinator.CoordinatorException;
import io.aitbc.miner.coordinator.PolledJob;
import io.aitbc.miner.coordinator.RateLimitedException;
import io.aitbc.miner.inference.InferenceBackends;
import io.aitbc.miner.job.JobReported;
import io.aitbc.miner.job.PollAmbiguous;
import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.queue.StartupRecovery;
import io.aitbc.miner.registration.Registration;
import io.aitbc.miner.scheduler.SlotScheduler;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The poll loops, on virtual threads. They poll only while the agent is registered and its {@link PollCapacity} has
 * room (D13); after a job they poll again at once, after an empty answer they wait {@code MINER_POLL_INTERVAL} or
 * until the {@link WakeUpBell} rings (a job was reported, so a slot's worth of room came back). An idle agent polls
 * with one loop; the others join while polls keep returning jobs, up to {@code MINER_POLL_CONCURRENCY}. Each job goes
 * to {@link PolledJobIntake} before the loop that polled it polls again. An ambiguous poll is published as
 * {@link PollAmbiguous} (reconciliation adopts its job; a 500 makes registration register again). While the deep
 * probe finds every inference backend down (D41), the inference slots do not count as room.
 */
@ApplicationScoped
public class JobPoller {

    /** Asks the coordinator for one job. */
    interface JobSource {
        Optional<PolledJob> poll() throws InterruptedException;
    }

    /** Takes custody of a polled job. */
    interface Intake {
        void accept(PolledJob job) throws InterruptedException;
    }

    private final JobSource coordinator;
    private final Intake intake;
    private final PollCapacity capacity;
    private final BooleanSupplier mayPoll;
    private final Runnable pollSucceeded;
    private final Consumer<PollAmbiguous> ambiguous;
    private final Duration interval;
    private final int concurrency;
    private final WakeUpBell bell = new WakeUpBell();
    private final List<Thread> loops = new ArrayList<>();
    private volatile boolean running;
    private volatile boolean paused;
    /** Whether the last poll brought a job: the loops beyond the first poll only then. */
    private volatile boolean burst;
    private volatile Instant lastIteration = Instant.EPOCH;

    @Inject
    JobPoller(CoordinatorClient coordinator, Registration registration, SlotScheduler scheduler, PolledJobIntake intake,
            StartupRecovery startup, PollConfig config, Event<PollAmbiguous> ambiguous, InferenceBackends inference) {
        this(coordinator::poll, intake, new PollCapacity(intake::held, () -> scheduler.totalSlots()
                - (inference.allDown() ? scheduler.slots(SlotKind.INFERENCE) : 0)),
                () -> startup.done() && registration.registered(), registration::pollSucceeded, ambiguous::fire,
                config);
    }

    JobPoller(JobSource coordinator, Intake intake, PollCapacity capacity, BooleanSupplier mayPoll,
            Runnable pollSucceeded, Consumer<PollAmbiguous> ambiguous, PollConfig config) {
        this.coordinator = coordinator;
        this.intake = intake;
        this.capacity = capacity;
        this.mayPoll = mayPoll;
        this.pollSucceeded = pollSucceeded;
        this.ambiguous = ambiguous;
        this.interval = config.interval();
        this.concurrency = config.concurrency();
    }

    void start(@Observes StartupEvent event) {
        running = true;
        for (int worker = 0; worker < concurrency; worker++) {
            int id = worker;
            loops.add(Thread.ofVirtual().name("poller-" + worker).start(() -> runLoop(id)));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        loops.forEach(Thread::interrupt);
    }

    /** A report settled, so the jobs held went down: poll again now. Before the heartbeat that may follow a /fail. */
    void reported(@Observes @Priority(Interceptor.Priority.APPLICATION) JobReported event) {
        bell.ring();
    }

    /** Stops or resumes polling; jobs already held go on. */
    public void setPaused(boolean paused) {
        this.paused = paused;
        bell.ring();
    }

    /** Whether polling is paused. */
    public boolean paused() {
        return paused;
    }

    /** When the loop last ran an iteration, whether or not it polled (liveness, D26). */
    public Instant lastIteration() {
        return lastIteration;
    }

    private void runLoop(int worker) {
        while (running) {
            lastIteration = Clock.systemUTC().instant();
            try {
                Duration pause = worker == 0 || burst ? iterate() : interval;
                if (!pause.isZero()) {
                    bell.await(pause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                Log.errorf(e, "Poll loop iteration failed");
            }
        }
    }

    /** One iteration: polls if it may and there is room; answers how long to wait before the next. */
    Duration iterate() throws InterruptedException {
        if (paused || !mayPoll.getAsBoolean() || !capacity.tryTake()) {
            return interval;
        }
        try {
            return pollOnce();
        } finally {
            capacity.release();
        }
    }

    private Duration pollOnce() throws InterruptedException {
        try {
            Optional<PolledJob> job = coordinator.poll();
            pollSucceeded.run();
            burst = job.isPresent();
            if (job.isEmpty()) {
                return interval;
            }
            bell.ring(concurrency - 1);
            intake.accept(job.get());
            return Duration.ZERO;
        } catch (RateLimitedException e) {
            burst = false;
            return e.retryAfter();
        } catch (AmbiguousOutcomeException e) {
            Log.warnf("Poll outcome unknown (%s); a job it assigned is adopted at reconciliation", e.getMessage());
            ambiguous.accept(new PollAmbiguous(e.status()));
            return interval;
        } catch (CoordinatorAuthException e) {
            return interval.multipliedBy(4);
        } catch (CoordinatorException e) {
            Log.warnf("Poll failed: %s", e.getMessage());
            return interval;
        }
    }
}
