package io.aitbc.miner.allowlist;

import java.nio.file.Path;
import java.time.Duration;

import io.aitbc.miner.config.CheckedConfig;
import io.aitbc.miner.config.ConfigProblems;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the CLI and Python allowlists live ({@code MINER_ALLOWLIST_*}, decisions D18). */
@ConfigMapping(prefix = "miner.allowlist")
public interface AllowlistConfig extends CheckedConfig {

    /** {@code MINER_ALLOWLIST_DIR}: the {@code *.yaml} files read; default {@code /etc/aitbc/miner/allowlist.d}. */
    @WithDefault("/etc/aitbc/miner/allowlist.d")
    Path dir();

    /**
     * {@code MINER_ALLOWLIST_RESCAN_INTERVAL}: how often the files are hashed and re-read when they changed, on top of
     * directory events (a ConfigMap swaps a {@code ..data} symlink); default {@code 30s}.
     */
    @WithDefault("30s")
    Duration rescanInterval();

    @Override
    default ConfigProblems problems() {
        return new ConfigProblems().positive("miner.allowlist.rescan-interval", rescanInterval());
    }
}
