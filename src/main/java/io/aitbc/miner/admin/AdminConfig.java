package io.aitbc.miner.admin;

import java.util.Optional;

import io.aitbc.miner.config.CheckedConfig;
import io.aitbc.miner.config.ConfigProblems;
import io.smallrye.config.ConfigMapping;

/** The admin API ({@code MINER_ADMIN_*}, decisions D27). */
@ConfigMapping(prefix = "miner.admin")
public interface AdminConfig extends CheckedConfig {

    /**
     * {@code MINER_ADMIN_TOKEN}: the bearer token the admin API requires; default none, and without it the API is off
     * (every path answers 404). Never logged.
     */
    Optional<String> token();

    @Override
    default ConfigProblems problems() {
        return new ConfigProblems().require(token().map(t -> !t.isBlank()).orElse(true), "miner.admin.token",
                "must not be blank (unset it to turn the admin API off)");
    }
}
