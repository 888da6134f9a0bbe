package io.aitbc.miner.poller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.aitbc.miner.InvalidConfigException;
import io.aitbc.miner.coordinator.AmbiguousOutcomeException;
import io.aitbc.miner.coordinator.CoordinatorAuthException;
import io.aitbc.miner.coordinator.CoordinatorClient;
import io.aitbc.miner.coordinator.CoordinatorException;
import io.aitbc.miner.coordinator.PolledJob;
import io.aitbc.miner.coordinator.RateLimitedException;
import io.aitbc.miner.queue.StartupRecovery;
import io.aitbc.miner.reconcile.Reconciler;
import io.aitbc.miner.registration.Registration;
import io.aitbc.miner.scheduler.SlotScheduler;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The poll loops, on virtual threads. They poll only while the agent is registered and holds, with the polls in
 * flight, fewer jobs than it has slots (D13); after a job they poll again at once, after an empty answer they wait
 * {@code MINER_POLL_INTERVAL} or until a slot frees. An idle agent polls with one loop; the others join while polls
 * keep returning jobs, up to {@code MINER_POLL_CONCURRENCY}. Each job goes to {@link PolledJobIntake} before the loop
 * that polled it polls again.
 */
@ApplicationScoped
public class JobPoller {

    private final CoordinatorClient coordinator;
    private final Registration registration;
    private final SlotScheduler scheduler;
    private final PolledJobIntake intake;
    private final Reconciler reconciler;
    private final StartupRecovery startup;
    private final Duration interval;
    private final int concurrency;
    private final Semaphore wakeups = new Semaphore(0);
    private final AtomicInteger polling = new AtomicInteger();
    private final List<Thread> loops = new ArrayList<>();
    private volatile boolean running;
    private volatile boolean paused;
    private volatile boolean burst;
    private volatile Instant lastIteration = Instant.EPOCH;

    JobPoller(CoordinatorClient coordinator, Registration registration, SlotScheduler scheduler, PolledJobIntake intake,
            Reconciler reconciler, StartupRecovery startup, PollConfig config) {
        this.coordinator = coordinator;
        this.registration = registration;
        this.scheduler = scheduler;
        this.intake = intake;
        this.reconciler = reconciler;
        this.startup = startup;
        this.interval = config.interval();
        this.concurrency = config.concurrency();
        if (concurrency < 1) {
            throw new InvalidConfigException("MINER_POLL_CONCURRENCY", "must be at least 1");
        }
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

    /** Ends the current wait at once: a slot freed, or the agent registered. */
    public void wake() {
        wakeups.release();
    }

    /** Stops or resumes polling; jobs already held go on. */
    public void setPaused(boolean paused) {
        this.paused = paused;
        wake();
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
                if (!pause.isZero() && !wakeups.tryAcquire(pause.toMillis(), TimeUnit.MILLISECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                Log.errorf(e, "Poll loop iteration failed");
            }
        }
    }

    private Duration iterate() throws InterruptedException {
        if (paused || !startup.done() || !registration.registered()) {
            return interval;
        }
        try {
            if (intake.held() + polling.incrementAndGet() > scheduler.totalSlots()) {
                return interval;
            }
            Optional<PolledJob> job = coordinator.poll();
            registration.pollSucceeded();
            burst = job.isPresent();
            if (job.isEmpty()) {
                return interval;
            }
            wakeups.release(concurrency - 1);
            intake.accept(job.get());
            return Duration.ZERO;
        } catch (RateLimitedException e) {
            burst = false;
            return e.retryAfter();
        } catch (AmbiguousOutcomeException e) {
            Log.warnf("Poll outcome unknown (%s); a job it assigned is adopted at reconciliation", e.getMessage());
            reconciler.ambiguousPoll();
            if (e.status() == 500) {
                registration.pollServerError();
            }
            return interval;
        } catch (CoordinatorAuthException e) {
            registration.authFailed(e);
            return interval.multipliedBy(4);
        } catch (CoordinatorException e) {
            Log.warnf("Poll failed: %s", e.getMessage());
            return interval;
        } finally {
            polling.decrementAndGet();
        }
    }
}
