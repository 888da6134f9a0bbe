package io.aitbc.miner.reconcile;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Reconciliation with the coordinator's RUNNING listing ({@code MINER_RECONCILE_*}, decisions D6). */
@ConfigMapping(prefix = "miner.reconcile")
public interface ReconcileConfig {

    /** {@code MINER_RECONCILE_INTERVAL}: period of the regular rounds; default 120s. */
    @WithDefault("120s")
    Duration interval();

    /**
     * {@code MINER_RECONCILE_DELAY}: wait after an ambiguous poll or upload before a listing may settle it; default
     * 5s.
     */
    @WithDefault("5s")
    Duration delay();
}
