package io.aitbc.miner.registration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.config.MinerConfig;
import io.aitbc.miner.coordinator.CoordinatorAuthException;
import io.aitbc.miner.coordinator.CoordinatorClient;
import io.aitbc.miner.coordinator.CoordinatorException;
import io.aitbc.miner.coordinator.CoordinatorRejectedException;
import io.aitbc.miner.gpuhealth.GpuHealthChanged;
import io.aitbc.miner.job.CapabilitiesChanged;
import io.aitbc.miner.job.CoordinatorAuthRefused;
import io.aitbc.miner.job.JobReported;
import io.aitbc.miner.job.PollAmbiguous;
import io.aitbc.miner.queue.QueueUnavailableException;
import io.aitbc.miner.queue.RetryQueue;
import io.aitbc.miner.scheduler.SlotScheduler;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * The miner's standing with the coordinator: registers at start-up (retrying until it is accepted), sends a heartbeat
 * with the true {@code inflight} every {@code MINER_HEARTBEAT_INTERVAL} and right after every registration (D3),
 * registers again at once when a heartbeat answers 404, and at most once per heartbeat interval, backing off, while
 * polls answer 500. It learns from the pipeline's events: a 401/403 on any call ({@link CoordinatorAuthRefused}), an
 * ambiguous poll ({@link PollAmbiguous}) and an accepted {@code /fail} ({@link JobReported}), after which a heartbeat
 * goes out at once because {@code /fail} leaves the coordinator's {@code inflight} as it was. When a GPU's slots stop
 * or start taking jobs ({@link GpuHealthChanged}, D44) it registers again, so the coordinator sees the GPUs and
 * concurrency the node offers now.
 */
@ApplicationScoped
public class Registration {

    static final String STATUS_ONLINE = "ONLINE";
    private static final int MAX_BACKOFF_FACTOR = 8;

    private final CoordinatorClient coordinator;
    private final CapabilityDocument capabilities;
    private final RetryQueue queue;
    private final SlotScheduler scheduler;
    private final HeartbeatFacts facts;
    private final Optional<String> region;
    private final Duration interval;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean registered;
    private volatile String problem = "not registered yet";
    private volatile Instant lastHeartbeat = Instant.EPOCH;
    private volatile Instant lastHeartbeatIteration = Instant.EPOCH;
    private Instant lastPollRegistration = Instant.EPOCH;
    private int pollBackoff = 1;
    private final AtomicLong capabilityChanges = new AtomicLong();
    private volatile boolean stopped;

    Registration(CoordinatorClient coordinator, CapabilityDocument capabilities, RetryQueue queue,
            SlotScheduler scheduler, MinerConfig miner, HeartbeatConfig config, HeartbeatFacts facts) {
        this.coordinator = coordinator;
        this.facts = facts;
        this.capabilities = capabilities;
        this.queue = queue;
        this.scheduler = scheduler;
        this.region = miner.region();
        this.interval = config.interval();
    }

    void start(@Observes StartupEvent event) {
        Thread.ofVirtual().name("registration").start(this::registerUntilAccepted);
    }

    /**
     * Registers and heartbeats no more: the agent drained and deregisters, or stops. A late capability change, GPU
     * health change or heartbeat must not bring a deregistered miner back (the coordinator would assign it jobs).
     */
    public void stop() {
        stopped = true;
    }

    void onShutdown(@Observes ShutdownEvent event) {
        stop();
    }

    /** Whether the coordinator accepted the registration and the first heartbeat went out. */
    public boolean registered() {
        return registered;
    }

    /** Why the agent is not registered, or a standing coordinator problem (an auth refusal); empty when none. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** When the last heartbeat was accepted. */
    public Instant lastHeartbeat() {
        return lastHeartbeat;
    }

    /** When the scheduled heartbeat last ran, whether or not it sent anything (liveness, D26). */
    public Instant lastHeartbeatIteration() {
        return lastHeartbeatIteration;
    }

    /** A poll went through: the coordinator knows this miner. */
    public synchronized void pollSucceeded() {
        pollBackoff = 1;
    }

    void pollAmbiguous(@Observes PollAmbiguous event) {
        if (!event.serverError()) {
            return;
        }
        try {
            pollServerError();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void reported(@Observes JobReported event) {
        if (!event.failureAccepted()) {
            return;
        }
        try {
            heartbeatNow();
        } catch (CoordinatorException e) {
            Log.debugf("Heartbeat after /fail failed: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The capability document changed (a backend down or back, models, benchmarks): send it again (D41). */
    void capabilitiesChanged(@Observes CapabilitiesChanged event) {
        capabilityChanges.incrementAndGet();
        if (!registered) {
            // a registration under way sees the change once it is accepted
            return;
        }
        Log.infof("Capabilities changed (%s): registering again", event.reason());
        try {
            registerOnce();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A GPU left or rejoined the offer (D44): its VRAM leaves or rejoins the capability document, off the caller's thread. */
    void gpuHealthChanged(@Observes GpuHealthChanged change) {
        if (change.availabilityChanged()) {
            String reason = "GPU " + change.status().device().uuid()
                    + (change.status().takesJobs() ? " takes jobs again" : " takes no jobs");
            Thread.ofVirtual().name("re-register").start(() -> capabilitiesChanged(new CapabilitiesChanged(reason)));
        }
    }

    /** The coordinator refused the key: readiness says so until a call succeeds. */
    void authRefused(@Observes CoordinatorAuthRefused event) {
        problem = "coordinator refused the API key: " + event.reason();
        Log.errorf("Coordinator refused the API key (%s); fix MINER_API_KEY", event.reason());
    }

    /** A poll answered 500 (unknown miner, or a coordinator database outage): register again, rate-limited (D3). */
    private void pollServerError() throws InterruptedException {
        synchronized (this) {
            Instant now = clock.instant();
            if (now.isBefore(lastPollRegistration.plus(interval.multipliedBy(pollBackoff)))) {
                return;
            }
            lastPollRegistration = now;
            pollBackoff = Math.min(MAX_BACKOFF_FACTOR, pollBackoff * 2);
        }
        Log.info("Poll answered 500: registering again");
        registerOnce();
    }

    /** Sends a heartbeat now: on schedule and after every accepted {@code /fail}. */
    private void heartbeatNow() throws InterruptedException {
        try {
            sendHeartbeat();
            lastHeartbeat = clock.instant();
            if (registered) {
                problem = null;
            }
        } catch (CoordinatorRejectedException e) {
            if (!e.notFound()) {
                throw e;
            }
            Log.info("Heartbeat answered 404, the coordinator forgot this miner: registering again");
            registered = false;
            registerOnce();
        }
    }

    @Scheduled(every = "${miner.heartbeat.interval}", delayed = "${miner.heartbeat.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() throws InterruptedException {
        lastHeartbeatIteration = clock.instant();
        if (!registered || stopped) {
            return;
        }
        try {
            heartbeatNow();
        } catch (CoordinatorAuthException e) {
            Log.debugf("Heartbeat refused: %s", e.getMessage());
        } catch (CoordinatorException e) {
            Log.warnf("Heartbeat failed: %s", e.getMessage());
        }
    }

    private void registerUntilAccepted() {
        Duration wait = Duration.ofSeconds(1);
        while (!registered && !stopped) {
            try {
                registerOnce();
                if (!registered) {
                    Thread.sleep(wait.toMillis());
                    wait = wait.multipliedBy(2).compareTo(interval) > 0 ? interval : wait.multipliedBy(2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void registerOnce() throws InterruptedException {
        if (stopped) {
            return;
        }
        try {
            long changes = capabilityChanges.get();
            coordinator.register(capabilities.build(), scheduler.totalSlots(), region);
            Log.infof("Registered with the coordinator, concurrency %d", scheduler.totalSlots());
            firstHeartbeat();
            registered = true;
            problem = null;
            if (capabilityChanges.get() != changes) {
                Log.info("Capabilities changed while registering: registering again");
                registerOnce();
            }
        } catch (CoordinatorAuthException e) {
            Log.debugf("Registration refused: %s", e.getMessage());
        } catch (CoordinatorException e) {
            problem = "registration failed: " + e.getMessage();
            Log.warnf("Registration failed: %s", e.getMessage());
        }
    }

    /** Register reset the coordinator's inflight to 0: correct it before the next poll (D3). */
    private void firstHeartbeat() throws InterruptedException {
        try {
            sendHeartbeat();
            lastHeartbeat = clock.instant();
        } catch (CoordinatorException e) {
            Log.warnf("Heartbeat after registration failed, the next one corrects inflight: %s", e.getMessage());
        }
    }

    /** One heartbeat with the true inflight and the node's facts; an accepted one times the next one's latency. */
    private void sendHeartbeat() throws InterruptedException {
        ObjectNode extras = facts.extras();
        int inflight = inflight();
        long start = System.nanoTime();
        coordinator.heartbeat(inflight, STATUS_ONLINE, extras);
        facts.measured(Duration.ofNanos(System.nanoTime() - start));
    }

    private int inflight() {
        try {
            return queue.inflight();
        } catch (QueueUnavailableException e) {
            return queue.held();
        }
    }
}
