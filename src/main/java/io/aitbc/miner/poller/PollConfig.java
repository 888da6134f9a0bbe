package io.aitbc.miner.poller;

import java.time.Duration;

import io.aitbc.miner.config.CheckedConfig;
import io.aitbc.miner.config.ConfigProblems;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The poll loop ({@code MINER_POLL_*}). */
@ConfigMapping(prefix = "miner.poll")
public interface PollConfig extends CheckedConfig {

    /** {@code MINER_POLL_INTERVAL}: pause after an empty poll (the coordinator has no long poll); default 3s. */
    @WithDefault("3s")
    Duration interval();

    /**
     * {@code MINER_POLL_CONCURRENCY}: most polls in flight at once while jobs keep coming (never more than free slots;
     * an idle agent polls with one); default 4.
     */
    @WithDefault("4")
    int concurrency();

    @Override
    default ConfigProblems problems() {
        return new ConfigProblems()
                .positive("miner.poll.interval", interval())
                .atLeast("miner.poll.concurrency", concurrency(), 1);
    }
}
