package io.aitbc.miner.queue;

import java.time.Duration;

import io.aitbc.miner.config.CheckedConfig;
import io.aitbc.miner.config.ConfigProblems;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Local retry of transient runner errors ({@code E_RUNNER}) before a job is failed ({@code MINER_RETRY_*}). */
@ConfigMapping(prefix = "miner.retry")
public interface RetryConfig extends CheckedConfig {

    /** {@code MINER_RETRY_MAX_ATTEMPTS}: runs of one job, the first included, before {@code /fail}; default 4. */
    @WithDefault("4")
    int maxAttempts();

    /** {@code MINER_RETRY_BASE_DELAY}: the backoff's first ceiling, doubled at each attempt; default 2s. */
    @WithDefault("2s")
    Duration baseDelay();

    /** {@code MINER_RETRY_MAX_DELAY}: the backoff's largest ceiling; default 60s. */
    @WithDefault("60s")
    Duration maxDelay();

    @Override
    default ConfigProblems problems() {
        return new ConfigProblems()
                .atLeast("miner.retry.max-attempts", maxAttempts(), 1)
                .positive("miner.retry.base-delay", baseDelay())
                .require(maxDelay().compareTo(baseDelay()) >= 0, "miner.retry.max-delay",
                        "must not be below MINER_RETRY_BASE_DELAY");
    }
}
