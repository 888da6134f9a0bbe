package io.aitbc.miner.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.job.JobState;
import io.aitbc.miner.queue.QueueScripts.Script;
import io.quarkus.logging.Log;
import io.vertx.mutiny.redis.client.Response;

/**
 * The queue's one clock for what waits for a time: delayed jobs (their next attempt) and outbox entries (their next
 * upload). Both are sorted sets scored by that time, so the clock remembers only the earliest time it knows of, sleeps
 * until then and asks Redis only at that moment, for the members due then ({@code due.lua}): an idle agent costs it
 * nothing. Whoever writes a time tells the clock ({@link #dueAt(long)}); the periodic status read tells it the first
 * times Redis holds, which covers what this process did not write.
 * <p>
 * A woken outbox entry gets its next look {@link #LOOK_AGAIN} later, so an upload that never settles (a lost wake-up)
 * is tried again then. The clock runs only once start-up recovery has marked what a stopped process left.
 */
@ApplicationScoped
class QueueClock {

    /** When an outbox entry is looked at again after it was woken, should its upload not settle meanwhile. */
    static final Duration LOOK_AGAIN = Duration.ofSeconds(30);
    /** How soon the clock tries again when Redis did not answer. */
    static final Duration REDIS_AWAY = Duration.ofSeconds(2);
    private static final int BATCH = 200;

    private final QueueStore store;
    private final Wakeups wakeups;
    private final ScheduledExecutorService timer = Executors
            .newSingleThreadScheduledExecutor(Thread.ofPlatform().name("queue-clock").daemon().factory());
    private boolean started;
    private long armedFor = Long.MAX_VALUE;
    private ScheduledFuture<?> alarm;

    QueueClock(QueueStore store, Wakeups wakeups) {
        this.store = store;
        this.wakeups = wakeups;
    }

    /** Something may be due at {@code epochMillis}: the clock wakes then unless it wakes earlier anyway. */
    synchronized void dueAt(long epochMillis) {
        if (epochMillis < armedFor) {
            armedFor = epochMillis;
            if (started) {
                arm();
            }
        }
    }

    /** {@link #dueAt(long)} for an optional time. */
    void dueAt(OptionalLong epochMillis) {
        epochMillis.ifPresent(this::dueAt);
    }

    /** Starts the clock, once start-up recovery is done, at the first time Redis holds. */
    synchronized void start(OptionalLong firstDue) {
        started = true;
        firstDue.ifPresent(at -> armedFor = Math.min(armedFor, at));
        if (armedFor != Long.MAX_VALUE) {
            arm();
        }
    }

    /** The next look of an outbox entry woken or committed at {@code epochMillis}. */
    static long lookAgain(long epochMillis) {
        return epochMillis + LOOK_AGAIN.toMillis();
    }

    private void arm() {
        if (alarm != null) {
            alarm.cancel(false);
        }
        alarm = timer.schedule(this::fire, Math.max(0, armedFor - store.millis()), TimeUnit.MILLISECONDS);
    }

    private void fire() {
        synchronized (this) {
            armedFor = Long.MAX_VALUE;
            alarm = null;
        }
        try {
            dueAt(wakeDue(store.millis()));
        } catch (QueueUnavailableException e) {
            Log.debugf("Queue clock: %s; trying again in %s", e.getMessage(), REDIS_AWAY);
            dueAt(store.millis() + REDIS_AWAY.toMillis());
        } catch (RuntimeException e) {
            Log.errorf(e, "Queue clock failed; trying again in %s", REDIS_AWAY);
            dueAt(store.millis() + REDIS_AWAY.toMillis());
        }
    }

    /** Promotes the delayed jobs and wakes the outbox entries due at {@code now}; answers the next due time. */
    private OptionalLong wakeDue(long now) {
        QueueKeys keys = store.keys();
        Response due = store.read(Script.DUE, List.of(keys.state(JobState.DELAYED), keys.state(JobState.OUTBOX)),
                Long.toString(now), Integer.toString(BATCH), Long.toString(lookAgain(now)), "(" + now);
        int delayedCount = due.get(2).toInteger();
        List<String> delayed = new ArrayList<>(delayedCount);
        for (int i = 0; i < delayedCount; i++) {
            delayed.add(due.get(3 + i).toString());
        }
        for (int i = 3 + delayedCount; i < due.size(); i++) {
            wakeups.outcome(due.get(i).toString());
        }
        if (!delayed.isEmpty()) {
            promote(now, delayed);
        }
        OptionalLong next = QueueStatus.earliest(QueueStatus.score(due.get(0).toString()),
                QueueStatus.score(due.get(1).toString()));
        return delayedCount == BATCH ? OptionalLong.of(now) : next;
    }

    private void promote(long now, List<String> jobIds) {
        QueueKeys keys = store.keys();
        List<String> scriptKeys = new ArrayList<>(List.of(keys.state(JobState.DELAYED), keys.state(JobState.READY)));
        scriptKeys.addAll(keys.jobs(jobIds));
        List<String> args = new ArrayList<>(List.of(Long.toString(now)));
        args.addAll(jobIds);
        store.move(Script.PROMOTE, scriptKeys, args.toArray(String[]::new)).values().forEach(wakeups::ready);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
