package io.aitbc.miner.poller;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The poll loop ({@code MINER_POLL_*}). */
@ConfigMapping(prefix = "miner.poll")
public interface PollConfig {

    /** {@code MINER_POLL_INTERVAL}: pause after an empty poll (the coordinator has no long poll); default 3s. */
    @WithDefault("3s")
    Duration interval();
}
