package io.aitbc.miner.poolhub;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import io.aitbc.miner.config.AgentIdentity;
import io.aitbc.miner.job.PoolHubCallAnswered;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * This miner's membership of the AITBC pool hub (D43, aitbc-peer-features.md §4): it registers, then sends a
 * heartbeat every {@code MINER_POOL_HUB_INTERVAL} with {@code status:"active"} (the hub's word; {@code ONLINE} would
 * mark the miner busy). A heartbeat answered 401 means the hub lost the row (a database reset): it registers once
 * more and retries; a second 401 means the key changed, which the hub never accepts for a known miner id, so it says
 * an operator must delete the row and backs off. Best effort on its own scheduler thread: failures show in the
 * metrics and the {@code presence} health group, never in readiness or the coordinator pipeline.
 */
@Startup
@ApplicationScoped
public class PoolHub {

    /** Heartbeat periods skipped after a refused key, so a changed key is not hammered. */
    static final int AUTH_BACKOFF_PERIODS = 20;

    private final Optional<PoolHubKey> setup;
    private final Optional<PoolHubClient> client;
    private final PoolHubBodies bodies;
    private final String minerId;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean started;
    private volatile boolean registered;
    private volatile String state;
    private volatile Instant lastAccepted = Instant.EPOCH;
    private int skip;

    PoolHub(PoolHubConfig config, AgentIdentity identity, PoolHubBodies bodies, Event<PoolHubCallAnswered> answered) {
        this.setup = PoolHubKey.of(config, identity);
        this.client = setup.filter(s -> s.refusal().isEmpty()).map(s -> new PoolHubClient(s, config, answered));
        this.bodies = bodies;
        this.minerId = identity.minerId();
        this.state = setup.isEmpty() ? "off (MINER_POOL_HUB_URL not set)"
                : setup.get().refusal().map(r -> "not started: " + r).orElse("not registered yet");
        client.ifPresent(c -> Log.infof("Pool hub %s: registering and sending heartbeats", setup.get().base()));
    }

    /** Whether a pool hub is configured at all. */
    public boolean configured() {
        return setup.isPresent();
    }

    /** Whether the last call went through (registered and the last heartbeat accepted). */
    public boolean healthy() {
        return client.isPresent() && registered && state.equals("ok");
    }

    /** What the pool-hub client is doing or why it is not: for its health check only. */
    public String state() {
        return state;
    }

    /** When the hub last accepted a heartbeat. */
    public Instant lastAccepted() {
        return lastAccepted;
    }

    /**
     * Start-up is over: every other start-up observer ran (this one has the last priority), so this scheduler thread
     * no longer creates beans, such as the Redis data source, concurrently with the main thread.
     */
    void started(@Observes @Priority(Integer.MAX_VALUE) StartupEvent event) {
        started = true;
    }

    @Scheduled(every = "${miner.pool-hub.interval:15s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void beat() {
        if (client.isEmpty() || !started) {
            return;
        }
        synchronized (this) {
            if (skip > 0) {
                skip--;
                return;
            }
        }
        if (!registered && !register()) {
            return;
        }
        PoolHubClient.Answer answer = client.get().heartbeat(bodies.heartbeat());
        if (answer.status() == 401) {
            Log.info("Pool hub refused the heartbeat's key (401): registering again (its database may have been reset)");
            answer = register() ? client.get().heartbeat(bodies.heartbeat()) : answer;
            if (answer.status() == 401) {
                keyRefused(answer);
                return;
            }
        }
        settle(answer, "heartbeat");
    }

    private boolean register() {
        PoolHubClient.Answer answer = client.orElseThrow().register(bodies.register(setup.orElseThrow().key().orElseThrow()));
        registered = answer.ok();
        if (registered) {
            Log.infof("Registered with the pool hub as %s", minerId);
        } else {
            settle(answer, "registration");
        }
        return registered;
    }

    private void keyRefused(PoolHubClient.Answer answer) {
        registered = false;
        synchronized (this) {
            skip = AUTH_BACKOFF_PERIODS;
        }
        state = "key refused (401 " + answer.detail() + ")";
        Log.errorf("Pool hub refuses this miner's key even after registering again: the key changed for a known miner "
                + "id, which the hub never accepts. An operator must delete this miner's row in the pool hub; "
                + "trying again in %d periods", AUTH_BACKOFF_PERIODS);
    }

    private void settle(PoolHubClient.Answer answer, String what) {
        String previous = state;
        if (answer.ok()) {
            lastAccepted = clock.instant();
            state = "ok";
            if (!"ok".equals(previous)) {
                Log.info("Pool hub accepts heartbeats");
            }
            return;
        }
        state = what + " failed: " + (answer.status() == 0 ? answer.detail() : answer.status() + " " + answer.detail());
        if (answer.status() == 404 || answer.status() == 422) {
            registered = false;
        }
        if ("ok".equals(previous) || previous.startsWith("not")) {
            Log.warnf("Pool hub %s", state);
        } else {
            Log.debugf("Pool hub %s", state);
        }
    }
}
