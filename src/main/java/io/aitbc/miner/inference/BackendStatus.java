package io.aitbc.miner.inference;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the deep probe last learnt of one backend (decisions D41).
 *
 * @param backend the backend
 * @param down whether it failed {@link BackendHealth#FAILURES_TO_STOP} probes in a row and has not answered since:
 *        its models leave the capability document until it answers again
 * @param failuresInARow probes failed since the last one that succeeded
 * @param last what the last probe found, for readiness data; empty before the first probe
 * @param probedAt when the last probe ended
 * @param loaded the models the backend said were loaded, at the last probe
 */
public record BackendStatus(Backend backend, boolean down, int failuresInARow, Optional<String> last,
        Optional<Instant> probedAt, List<String> loaded) {

    /** A backend not probed yet. */
    static BackendStatus unprobed(Backend backend) {
        return new BackendStatus(backend, false, 0, Optional.empty(), Optional.empty(), List.of());
    }
}
