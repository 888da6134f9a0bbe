package io.aitbc.miner.coordinator;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The coordinator connection ({@code MINER_COORDINATOR_*}). */
@ConfigMapping(prefix = "miner.coordinator")
public interface CoordinatorConfig {

    /**
     * {@code MINER_COORDINATOR_URL}: API base with the version prefix; default {@code http://127.0.0.1:8203/v1}. The
     * legacy {@code COORDINATOR_URL} (server root) applies when this is unset.
     */
    @WithDefault("http://127.0.0.1:8203/v1")
    String url();

    /** {@code MINER_COORDINATOR_RECEIPT_KEY}: the coordinator's Ed25519 public key (base64url); default none. */
    Optional<String> receiptKey();

    /**
     * {@code MINER_COORDINATOR_RATE_LIMIT_ENABLED}: keep every endpoint under the coordinator's own per-minute limits
     * on the client side; default true. Turn off only against a coordinator without limits (benchmarks).
     */
    @WithDefault("true")
    boolean rateLimitEnabled();
}
