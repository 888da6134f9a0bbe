package io.aitbc.miner.poolhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.aitbc.miner.config.InvalidConfigException;

/** D43's rules for the pool-hub key and transport, as plain checks of the configuration. */
class PoolHubKeyTest {

    @TempDir
    Path dir;

    /** {@code MINER_POOL_HUB_*} as a test sets them. */
    private record Config(Optional<String> url, Optional<String> key, Optional<Path> keyFile,
            boolean shareCoordinatorKey, boolean allowHttp) implements PoolHubConfig {

        @Override
        public Optional<String> addr() {
            return Optional.empty();
        }

        @Override
        public Duration interval() {
            return Duration.ofSeconds(15);
        }

        @Override
        public Duration timeout() {
            return Duration.ofSeconds(5);
        }
    }

    @Test
    void offWithoutAUrl() {
        assertThat(PoolHubKey.of(config(null, "k", false, false), null)).isEmpty();
    }

    @Test
    void itsOwnKeyOverHttpsOrToLoopback() {
        assertThat(PoolHubKey.of(config("https://hub.example/pool-hub/", "own", false, false), null))
                .hasValueSatisfying(k -> {
                    assertThat(k.key()).contains("own");
                    assertThat(k.base()).hasToString("https://hub.example/pool-hub");
                    assertThat(k.refusal()).isEmpty();
                });
        assertThat(PoolHubKey.of(config("http://127.0.0.1:8210", "own", false, false), null).orElseThrow().refusal())
                .isEmpty();
        assertThat(PoolHubKey.of(config("http://localhost:8210", "own", false, false), null).orElseThrow().refusal())
                .isEmpty();
    }

    @Test
    void plainHttpToAnotherHostIsRefusedUnlessAllowed() {
        assertThat(PoolHubKey.of(config("http://hub.example/pool-hub", "own", false, false), null).orElseThrow()
                .refusal()).hasValueSatisfying(r -> assertThat(r).contains("MINER_POOL_HUB_ALLOW_HTTP"));
        assertThat(PoolHubKey.of(config("http://hub.example/pool-hub", "own", false, true), null).orElseThrow()
                .refusal()).isEmpty();
    }

    @Test
    void noKeyIsRefusedAndTheCoordinatorKeyOnlyWhenAskedFor() {
        assertThat(PoolHubKey.of(config("https://hub.example", null, false, false), null).orElseThrow().refusal())
                .hasValueSatisfying(r -> assertThat(r).contains("MINER_POOL_HUB_KEY"));
    }

    @Test
    void aKeyFileIsReadAndNotTogetherWithTheKey() throws Exception {
        Path file = Files.writeString(dir.resolve("key"), "from-file\n");
        Config fromFile = new Config(Optional.of("https://hub.example"), Optional.empty(), Optional.of(file), false,
                false);
        Config both = new Config(Optional.of("https://hub.example"), Optional.of("k"), Optional.of(file), false, false);

        assertThat(PoolHubKey.of(fromFile, null).orElseThrow().key()).contains("from-file");
        assertThat(fromFile.problems().list()).isEmpty();
        assertThat(both.problems().list()).containsExactly(
                "miner.pool-hub.key-file: set either MINER_POOL_HUB_KEY or MINER_POOL_HUB_KEY_FILE, not both");
    }

    @Test
    void aMalformedUrlStopsStartUp() {
        assertThat(config("ftp://hub.example", "k", false, false).problems().list())
                .containsExactly("miner.pool-hub.url: must be an http(s) URL with a host");
        assertThat(config("http://hub example", "k", false, false).problems().list())
                .containsExactly("miner.pool-hub.url: must be an http(s) URL with a host");
        assertThat(config("https://hub.example/pool-hub", "k", false, false).problems().list()).isEmpty();
    }

    @Test
    void anEmptyKeyFileStopsStartUp() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        Config config = new Config(Optional.of("https://hub.example"), Optional.empty(), Optional.of(empty), false,
                false);

        assertThatThrownBy(() -> PoolHubKey.of(config, null)).isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("MINER_POOL_HUB_KEY_FILE: ");
    }

    private static Config config(String url, String key, boolean share, boolean allowHttp) {
        return new Config(Optional.ofNullable(url), Optional.ofNullable(key), Optional.empty(), share, allowHttp);
    }
}
