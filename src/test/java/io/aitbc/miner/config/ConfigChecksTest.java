package io.aitbc.miner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithDefault;

/** Range checks run while the configuration is built, and name each property out of range. */
class ConfigChecksTest {

    @ConfigMapping(prefix = "sample")
    interface SampleConfig extends CheckedConfig {

        @WithDefault("1")
        int count();

        @WithDefault("1s")
        Duration every();

        @Override
        default ConfigProblems problems() {
            return new ConfigProblems().atLeast("sample.count", count(), 1).positive("sample.every", every());
        }
    }

    @Test
    void valuesInRangeBuild() {
        SmallRyeConfig config = build(Map.of("sample.count", "3"));
        assertThat(config.getConfigMapping(SampleConfig.class).count()).isEqualTo(3);
    }

    @Test
    void everyValueOutOfRangeIsNamedWithoutItsValue() {
        assertThatThrownBy(() -> build(Map.of("sample.count", "0", "sample.every", "-5s")))
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> {
                    assertThat(e.getProblemCount()).isEqualTo(2);
                    assertThat(e.getProblem(0).getMessage()).isEqualTo("sample.count: must be at least 1");
                    assertThat(e.getProblem(1).getMessage()).isEqualTo("sample.every: must be positive")
                            .doesNotContain("-5");
                });
    }

    private static SmallRyeConfig build(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withMapping(SampleConfig.class)
                .withSources(new PropertiesConfigSource(values, "test", 100))
                .withConverter(Duration.class, 100, new DurationConverter()).withCustomizers(new ConfigChecks()).build();
    }
}
