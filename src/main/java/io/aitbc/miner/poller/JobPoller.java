package io.aitbc.miner.poller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

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
 * The poll loop, on its own virtual thread. It polls only while the agent is registered and holds fewer jobs than it
 * has slots (D13); after a job it polls again at once, after an empty answer it waits {@code MINER_POLL_INTERVAL} or
 * until a slot frees. Each job goes to {@link PolledJobIntake} before the next poll.
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
    private final Semaphore wakeups = new Semaphore(0);
    private volatile boolean running;
    private volatile boolean paused;
    private volatile Instant lastIteration = Instant.EPOCH;
    private Thread loop;

    JobPoller(CoordinatorClient coordinator, Registration registration, SlotScheduler scheduler, PolledJobIntake intake,
            Reconciler reconciler, StartupRecovery startup, PollConfig config) {
        this.coordinator = coordinator;
        this.registration = registration;
        this.scheduler = scheduler;
        this.intake = intake;
        this.reconciler = reconciler;
        this.startup = startup;
        this.interval = config.interval();
    }

    void start(@Observes StartupEvent event) {
        running = true;
        loop = Thread.ofVirtual().name("poller").start(this::runLoop);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (loop != null) {
            loop.interrupt();
        }
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

    private void runLoop() {
        while (running) {
            lastIteration = Clock.systemUTC().instant();
            try {
                Duration pause = iterate();
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
        if (paused || !startup.done() || !registration.registered() || intake.held() >= scheduler.totalSlots()) {
            return interval;
        }
        try {
            Optional<PolledJob> job = coordinator.poll();
            registration.pollSucceeded();
            if (job.isEmpty()) {
                return interval;
            }
            intake.accept(job.get());
            return Duration.ZERO;
        } catch (RateLimitedException e) {
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
        }
    }
}
