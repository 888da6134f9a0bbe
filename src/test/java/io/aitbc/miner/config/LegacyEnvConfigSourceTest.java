package io.aitbc.miner.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class LegacyEnvConfigSourceTest {

    @Test
    void coordinatorUrlGetsTheVersionPrefixOnlyWhenItLacksOne() {
        assertThat(LegacyEnvConfigSource.apiBase("http://coord:8203")).isEqualTo("http://coord:8203/v1");
        assertThat(LegacyEnvConfigSource.apiBase("http://coord:8203//")).isEqualTo("http://coord:8203/v1");
        assertThat(LegacyEnvConfigSource.apiBase("https://aitbc.example/api/")).isEqualTo("https://aitbc.example/api");
        assertThat(LegacyEnvConfigSource.apiBase("http://coord:8203/v1")).isEqualTo("http://coord:8203/v1");
    }

    @Test
    void legacyNamesApplyOnlyWhenTheMinerFormsAreUnset() {
        var legacy = new LegacyEnvConfigSource(
                Map.of("COORDINATOR_URL", "http://coord:8203/", "MINER_AUTH_TOKEN", "tok")::get);
        assertThat(legacy.getValue("miner.coordinator.url")).isEqualTo("http://coord:8203/v1");
        assertThat(legacy.getValue("miner.api-key")).isEqualTo("tok");
        assertThat(legacy.suppliesUrl()).isTrue();

        var modern = new LegacyEnvConfigSource(Map.of("COORDINATOR_URL", "http://old", "MINER_COORDINATOR_URL",
                "http://new/v1", "MINER_AUTH_TOKEN", "tok", "MINER_API_KEY_FILE", "/run/key")::get);
        assertThat(modern.getPropertyNames()).isEmpty();
    }

    @Test
    void sitsBetweenEnvironmentVariablesAndFiles() {
        assertThat(new LegacyEnvConfigSource(Map.<String, String> of()::get).getOrdinal()).isBetween(266, 299);
    }
}
