package io.aitbc.miner.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.aitbc.miner.coordinator.CoordinatorClient;
import io.aitbc.miner.coordinator.CoordinatorException;
import io.aitbc.miner.job.PollAmbiguous;
import io.aitbc.miner.job.UploadAmbiguous;
import io.aitbc.miner.queue.OutboxSuspected;
import io.aitbc.miner.queue.QueueUnavailableException;
import io.aitbc.miner.queue.StartupRecovery;
import io.aitbc.miner.scheduler.SlotScheduler;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * When reconciliation rounds run (D6): at start-up once start-up recovery is done, every
 * {@code MINER_RECONCILE_INTERVAL}, {@code MINER_RECONCILE_DELAY} after an ambiguous poll or upload
 * ({@link PollAmbiguous}, {@link UploadAmbiguous}, {@link OutboxSuspected}), and again at that delay while something
 * is unsettled. A round that cannot complete (coordinator or Redis away) is void and changes nothing.
 */
@ApplicationScoped
public class Reconciler {

    /** Rounds start this much after their delay, so their listing is surely taken once the delay has passed. */
    static final Duration SLACK = Duration.ofMillis(50);
    /** How long a round waits for start-up recovery before it tries again. */
    static final Duration RECOVERY_WAIT = Duration.ofSeconds(1);

    private final ReconcileRound round;
    private final BooleanSupplier recovered;
    private final Duration delay;
    private final RoundTimer timer;

    /**
     * @param pollInterval {@code MINER_POLL_INTERVAL} (the poller's setting, read by name so this lower layer never
     *        imports the poller): a held job counts as cancelled only when two listings at least this far apart miss it
     */
    @Inject
    Reconciler(CoordinatorClient coordinator, RedisHeldJobStore store, SlotScheduler scheduler,
            StartupRecovery startup, ReconcileConfig config,
            @ConfigProperty(name = "miner.poll.interval") Duration pollInterval) {
        this(new ReconcileRound(store, coordinator::runningJobs, scheduler::stop,
                new Ledger(config.delay(), pollInterval, Clock.systemUTC().instant()), Clock.systemUTC()),
                startup::done, config.delay(), RoundTimer.daemonThread("reconcile"));
    }

    Reconciler(ReconcileRound round, BooleanSupplier recovered, Duration delay, RoundTimer timer) {
        this.round = round;
        this.recovered = recovered;
        this.delay = delay;
        this.timer = timer;
    }

    void start(@Observes StartupEvent event) {
        roundIn(Duration.ZERO);
    }

    /** A poll ended without a clear answer: a job it assigned is adopted by the round after the delay. */
    void pollAmbiguous(@Observes PollAmbiguous event) {
        roundIn(delay);
    }

    /** An upload ended without a clear answer: the rounds after the delay settle it. */
    void uploadAmbiguous(@Observes UploadAmbiguous event) {
        round.ambiguous(event.jobId());
        roundIn(delay);
    }

    /** Redis restarted and may have lost reports: the outbox entries it held are settled like ambiguous uploads. */
    void outboxSuspected(@Observes OutboxSuspected event) {
        event.jobIds().forEach(round::ambiguous);
        roundIn(delay);
    }

    @Scheduled(every = "${miner.reconcile.interval}", delayed = "${miner.reconcile.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void regularRound() {
        roundIn(Duration.ZERO);
    }

    private void roundIn(Duration wait) {
        timer.schedule(this::roundSafely, wait.plus(SLACK));
    }

    private void roundSafely() {
        if (!recovered.getAsBoolean()) {
            roundIn(RECOVERY_WAIT);
            return;
        }
        try {
            round.run();
        } catch (CoordinatorException | QueueUnavailableException e) {
            Log.infof("Reconciliation round void: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (round.unsettled()) {
            roundIn(delay);
        }
    }

    @PreDestroy
    void stop() {
        timer.stop();
    }
}
