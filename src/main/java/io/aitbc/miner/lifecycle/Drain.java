package io.aitbc.miner.lifecycle;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.coordinator.CoordinatorClient;
import io.aitbc.miner.job.JobState;
import io.aitbc.miner.poller.JobPoller;
import io.aitbc.miner.queue.QueueCounts;
import io.aitbc.miner.queue.QueueUnavailableException;
import io.aitbc.miner.queue.RetryQueue;
import io.aitbc.miner.registration.Registration;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.Startup;

/**
 * The graceful stop of decisions D25. Draining stops polling (readiness goes DOWN) while heartbeats, running jobs and
 * uploads go on; once nothing is {@code ready}, {@code running} or in the {@code outbox}, or when
 * {@code MINER_DRAIN_TIMEOUT} has passed, the agent deregisters ({@code DELETE /miners/{id}}) and exits 0. Jobs still
 * held stay in Redis for the next start. A drain an operator started through the admin API may be cancelled until it
 * ends; one started by a signal may not.
 */
@Startup
@ApplicationScoped
public class Drain {

    /** Who asked for the drain. */
    public enum Origin {
        /** SIGTERM or SIGINT. */
        SIGNAL,
        /** The admin API. */
        ADMIN
    }

    static final Duration CHECK_EVERY = Duration.ofMillis(250);

    private final JobPoller poller;
    private final RetryQueue queue;
    private final CoordinatorClient coordinator;
    private final Registration registration;
    private final Duration timeout;
    /** The application's class loader: a signal handler's thread has the system one, which lacks the REST client's. */
    private final ClassLoader loader = Thread.currentThread().getContextClassLoader();
    private Origin origin;
    private boolean pausedBefore;
    private boolean ending;
    private Thread waiter;

    Drain(JobPoller poller, RetryQueue queue, CoordinatorClient coordinator, Registration registration,
            DrainConfig config) {
        this.poller = poller;
        this.registration = registration;
        this.queue = queue;
        this.coordinator = coordinator;
        this.timeout = config.timeout();
    }

    /** Starts a drain; false when one already runs (a signal then makes it one that cannot be cancelled). */
    public synchronized boolean begin(Origin from) {
        if (origin != null) {
            if (from == Origin.SIGNAL) {
                origin = Origin.SIGNAL;
            }
            return false;
        }
        origin = from;
        pausedBefore = poller.paused();
        poller.setPaused(true);
        Log.infof("Draining (%s): polling stopped; running jobs and uploads get up to %s", from, timeout);
        waiter = Thread.ofVirtual().name("drain").start(this::awaitAndExit);
        return true;
    }

    /** Cancels a drain the admin API started, before it ends; false otherwise. */
    public synchronized boolean cancel() {
        if (origin != Origin.ADMIN || ending) {
            return false;
        }
        waiter.interrupt();
        origin = null;
        poller.setPaused(pausedBefore);
        Log.info("Drain cancelled by the operator: polling as before");
        return true;
    }

    /** Whether a drain runs. */
    public boolean draining() {
        return origin().isPresent();
    }

    /** Who started the running drain. */
    public synchronized Optional<Origin> origin() {
        return Optional.ofNullable(origin);
    }

    private void awaitAndExit() {
        Thread.currentThread().setContextClassLoader(loader);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!settled() && System.nanoTime() < deadline) {
                Thread.sleep(CHECK_EVERY);
            }
        } catch (InterruptedException e) {
            return;
        }
        synchronized (this) {
            if (Thread.currentThread().isInterrupted() || origin == null) {
                return;
            }
            ending = true;
        }
        Log.info(settled() ? "Drained: deregistering" : "Drain timeout passed: deregistering; held jobs stay in Redis");
        try {
            deregister();
        } finally {
            Quarkus.asyncExit(0);
        }
    }

    /** Nothing waits for a slot, runs, or waits for upload. */
    private boolean settled() {
        try {
            QueueCounts counts = queue.counts();
            return counts.count(JobState.READY) + counts.count(JobState.RUNNING) + counts.count(JobState.OUTBOX) == 0;
        } catch (QueueUnavailableException e) {
            return false;
        }
    }

    private void deregister() {
        registration.stop();
        try {
            coordinator.deregister();
        } catch (RuntimeException e) {
            Log.warnf("Deregistration failed, the coordinator marks the miner offline by itself: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
