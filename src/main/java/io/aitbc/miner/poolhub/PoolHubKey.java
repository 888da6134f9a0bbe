package io.aitbc.miner.poolhub;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import java.util.Set;

import io.aitbc.miner.config.AgentIdentity;
import io.aitbc.miner.config.InvalidConfigException;
import io.quarkus.logging.Log;

/**
 * What the pool-hub client may send, and where (D43): the base URL checked (a malformed one stops start-up), a key of
 * its own (or, only when asked for, the coordinator's), and never a key over plain HTTP to a host other than loopback
 * unless allowed. A refusal leaves the pool-hub client off with the reason; the coordinator pipeline never notices.
 *
 * @param base the pool hub's root, without a trailing slash
 * @param key the bearer key, empty when refused
 * @param refusal why the client does not start, empty when it does
 */
record PoolHubKey(URI base, Optional<String> key, Optional<String> refusal) {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    /** Checks the configuration; empty when the pool hub is off. */
    static Optional<PoolHubKey> of(PoolHubConfig config, AgentIdentity identity) {
        if (config.url().filter(u -> !u.isBlank()).isEmpty()) {
            return Optional.empty();
        }
        URI base = base(config.url().get().strip());
        if ("http".equals(base.getScheme()) && !loopback(base.getHost()) && !config.allowHttp()) {
            return Optional.of(refused(base, "plain HTTP to " + base.getHost()
                    + " would carry the key in clear: use https, or set MINER_POOL_HUB_ALLOW_HTTP=true"));
        }
        Optional<String> own = ownKey(config);
        if (own.isPresent()) {
            return Optional.of(new PoolHubKey(base, own, Optional.empty()));
        }
        if (config.shareCoordinatorKey()) {
            Log.warn("MINER_POOL_HUB_SHARE_COORDINATOR_KEY=true: the pool hub gets the coordinator's API key, as the "
                    + "production miner does; give it a key of its own (MINER_POOL_HUB_KEY)");
            return Optional.of(new PoolHubKey(base, Optional.of(identity.apiKey()), Optional.empty()));
        }
        return Optional.of(refused(base, "no key: set MINER_POOL_HUB_KEY (or MINER_POOL_HUB_KEY_FILE; "
                + "MINER_POOL_HUB_SHARE_COORDINATOR_KEY=true sends the coordinator's)"));
    }

    static boolean loopback(String host) {
        return host != null && (LOOPBACK.contains(host) || host.startsWith("127."));
    }

    private static PoolHubKey refused(URI base, String why) {
        Log.errorf("Pool-hub client not started: %s", why);
        return new PoolHubKey(base, Optional.empty(), Optional.of(why));
    }

    /** The root without its trailing slash; {@link PoolHubConfig#problems} made sure it is an http(s) URL. */
    private static URI base(String url) {
        return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    private static Optional<String> ownKey(PoolHubConfig config) {
        Optional<String> direct = config.key().filter(k -> !k.isBlank());
        if (config.keyFile().isEmpty()) {
            return direct;
        }
        try {
            String key = Files.readString(config.keyFile().get(), StandardCharsets.UTF_8).strip();
            if (key.isEmpty()) {
                throw new InvalidConfigException("MINER_POOL_HUB_KEY_FILE", config.keyFile().get() + " is empty");
            }
            return Optional.of(key);
        } catch (IOException e) {
            throw new InvalidConfigException("MINER_POOL_HUB_KEY_FILE",
                    "cannot read " + config.keyFile().get() + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
