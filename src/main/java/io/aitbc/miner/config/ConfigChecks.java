package io.aitbc.miner.config;

import java.util.List;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.ConfigValidationException.Problem;
import io.smallrye.config.ConfigValidator;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;

/**
 * Runs every {@link CheckedConfig} mapping's range checks while the configuration is built (registered through
 * {@code META-INF/services}), so a bad value fails start-up as a {@link ConfigValidationException}, which the agent's
 * exit handler reports as {@code <ENV_NAME>: <what is wrong>} with exit status 2, before any job can run.
 */
public class ConfigChecks implements SmallRyeConfigBuilderCustomizer, ConfigValidator {

    @Override
    public void configBuilder(SmallRyeConfigBuilder builder) {
        builder.withValidator(this);
    }

    @Override
    public void validateMapping(Class<?> mappingClass, String prefix, Object mapping) {
        if (mapping instanceof CheckedConfig checked) {
            List<String> found = checked.problems().list();
            if (!found.isEmpty()) {
                throw new ConfigValidationException(found.stream().map(Problem::new).toArray(Problem[]::new));
            }
        }
    }
}
