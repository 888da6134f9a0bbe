package io.aitbc.miner.inference;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;

/**
 * The deep probe's verdicts per backend (decisions D41): a backend that fails {@value #FAILURES_TO_STOP} probes in a
 * row is down until one succeeds. A read-only view for the capability document, the poller and readiness data.
 */
@ApplicationScoped
public class BackendHealth {

    /** Probes failed in a row after which a backend's models are no longer offered. */
    public static final int FAILURES_TO_STOP = 3;

    private final Clock clock = Clock.systemUTC();
    private final Map<Backend, BackendStatus> statuses = new EnumMap<>(Backend.class);

    /** The backend's status; an unprobed backend is up. */
    public synchronized BackendStatus status(Backend backend) {
        return statuses.getOrDefault(backend, BackendStatus.unprobed(backend));
    }

    /** Whether the backend is down (its models are not offered). */
    public boolean down(Backend backend) {
        return status(backend).down();
    }

    /** Records a probe that answered; returns whether the backend came back up. */
    synchronized boolean succeeded(Backend backend, String detail, List<String> loaded) {
        boolean wasDown = status(backend).down();
        statuses.put(backend, new BackendStatus(backend, false, 0, Optional.of(detail),
                Optional.of(clock.instant()), List.copyOf(loaded)));
        if (wasDown) {
            Log.infof("Inference backend %s answers again: its models are offered again", backend.label());
        }
        return wasDown;
    }

    /** Records a failed probe; returns whether the backend went down with it. */
    synchronized boolean failed(Backend backend, String detail, List<String> loaded) {
        BackendStatus before = status(backend);
        int failures = before.failuresInARow() + 1;
        boolean down = failures >= FAILURES_TO_STOP;
        statuses.put(backend, new BackendStatus(backend, down, failures, Optional.of("failed: " + detail),
                Optional.of(clock.instant()), List.copyOf(loaded)));
        Log.warnf("Deep probe of inference backend %s failed (%d in a row): %s", backend.label(), failures, detail);
        if (down && !before.down()) {
            Log.errorf("Inference backend %s failed %d probes in a row: its models are withdrawn until it answers",
                    backend.label(), failures);
            return true;
        }
        return false;
    }
}
