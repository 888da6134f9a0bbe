package io.aitbc.miner.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who this miner is to the coordinator, and what it charges ({@code MINER_*}). */
@ConfigMapping(prefix = "miner")
public interface MinerConfig {

    /** {@code MINER_ID}, sent as {@code X-Miner-ID}; default the host name. Must match {@code [A-Za-z0-9._-]{1,63}}. */
    Optional<String> id();

    /** {@code MINER_API_KEY}, sent as {@code X-Api-Key}; no default: start-up fails without a key. */
    Optional<String> apiKey();

    /** {@code MINER_API_KEY_FILE}, a mounted secret holding the key; no default. Not together with the key itself. */
    Optional<Path> apiKeyFile();

    /** {@code MINER_PRICE}, {@code capabilities.price} and {@code metrics.unit_price}, per second; default 0.02. */
    @WithDefault("0.02")
    BigDecimal price();

    /** {@code MINER_REGION}, the top-level {@code region} at registration; default none. */
    Optional<String> region();
}
