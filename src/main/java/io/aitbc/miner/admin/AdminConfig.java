package io.aitbc.miner.admin;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The admin API ({@code MINER_ADMIN_*}, decisions D27). */
@ConfigMapping(prefix = "miner.admin")
public interface AdminConfig {

    /**
     * {@code MINER_ADMIN_TOKEN}: the bearer token the admin API requires; default none, and without it the API is off
     * (every path answers 404). Never logged.
     */
    Optional<String> token();
}
