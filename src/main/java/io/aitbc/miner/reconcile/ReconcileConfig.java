package io.aitbc.miner.reconcile;

import java.time.Duration;

import io.aitbc.miner.config.CheckedConfig;
import io.aitbc.miner.config.ConfigProblems;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Reconciliation with the coordinator's RUNNING listing ({@code MINER_RECONCILE_*}, decisions D6). */
@ConfigMapping(prefix = "miner.reconcile")
public interface ReconcileConfig extends CheckedConfig {

    /** {@code MINER_RECONCILE_INTERVAL}: period of the regular rounds; default 120s. */
    @WithDefault("120s")
    Duration interval();

    /**
     * {@code MINER_RECONCILE_DELAY}: wait after an ambiguous poll or upload before a listing may settle it; default
     * 5s.
     */
    @WithDefault("5s")
    Duration delay();

    @Override
    default ConfigProblems problems() {
        return new ConfigProblems()
                .positive("miner.reconcile.interval", interval())
                .positive("miner.reconcile.delay", delay());
    }
}
