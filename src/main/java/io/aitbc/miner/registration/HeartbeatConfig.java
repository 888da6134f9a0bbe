package io.aitbc.miner.registration;

import java.time.Duration;

import io.aitbc.miner.config.CheckedConfig;
import io.aitbc.miner.config.ConfigProblems;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The heartbeat ({@code MINER_HEARTBEAT_*}). */
@ConfigMapping(prefix = "miner.heartbeat")
public interface HeartbeatConfig extends CheckedConfig {

    /** {@code MINER_HEARTBEAT_INTERVAL}: period of heartbeats with the true {@code inflight}; default 15s. */
    @WithDefault("15s")
    Duration interval();

    @Override
    default ConfigProblems problems() {
        return new ConfigProblems().positive("miner.heartbeat.interval", interval());
    }
}
