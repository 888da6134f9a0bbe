package io.aitbc.miner.poolhub;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.aitbc.miner.config.CheckedConfig;
import io.aitbc.miner.config.ConfigProblems;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The AITBC pool hub ({@code MINER_POOL_HUB_*}, D43); off unless {@code MINER_POOL_HUB_URL} is set. A malformed value
 * stops start-up; a missing key or plain HTTP to a remote hub only keeps the pool-hub client from starting
 * ({@link PoolHubKey}).
 */
@ConfigMapping(prefix = "miner.pool-hub")
public interface PoolHubConfig extends CheckedConfig {

    /** {@code MINER_POOL_HUB_URL}: the pool hub's root ({@code https://hub.example/pool-hub}); default none: off. */
    Optional<String> url();

    /** {@code MINER_POOL_HUB_KEY}: this miner's own pool-hub key (one per miner: the hub finds rows by key); none. */
    Optional<String> key();

    /** {@code MINER_POOL_HUB_KEY_FILE}: a mounted secret holding the key instead; default none. */
    Optional<Path> keyFile();

    /**
     * {@code MINER_POOL_HUB_SHARE_COORDINATOR_KEY}: send the coordinator key instead, as the production miner does (a
     * warning is logged); default false.
     */
    @WithDefault("false")
    boolean shareCoordinatorKey();

    /** {@code MINER_POOL_HUB_ALLOW_HTTP}: allow plain HTTP to a host other than loopback; default false. */
    @WithDefault("false")
    boolean allowHttp();

    /** {@code MINER_POOL_HUB_ADDR}: the {@code addr} registered (a URL where this node serves); default none, not sent. */
    Optional<String> addr();

    /** {@code MINER_POOL_HUB_INTERVAL}: heartbeat period; default 15s. */
    @WithDefault("15s")
    Duration interval();

    /** {@code MINER_POOL_HUB_TIMEOUT}: limit of one pool-hub call; default 5s. */
    @WithDefault("5s")
    Duration timeout();

    @Override
    default ConfigProblems problems() {
        return new ConfigProblems().httpUrl("miner.pool-hub.url", url())
                .require(key().filter(k -> !k.isBlank()).isEmpty() || keyFile().isEmpty(), "miner.pool-hub.key-file",
                        "set either MINER_POOL_HUB_KEY or MINER_POOL_HUB_KEY_FILE, not both")
                .positive("miner.pool-hub.interval", interval()).positive("miner.pool-hub.timeout", timeout());
    }
}
