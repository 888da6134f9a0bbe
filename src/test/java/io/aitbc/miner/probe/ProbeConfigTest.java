package io.aitbc.miner.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.aitbc.miner.workspace.WorkspaceConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The environment variable names and defaults the README documents. */
class ProbeConfigTest {

    @Test
    void defaults() {
        SmallRyeConfig config = config(Map.of());

        assertThat(config.getConfigMapping(ProbeConfig.class).path()).isEqualTo("nvidia-smi");
        assertThat(config.getConfigMapping(ProbeConfig.class).timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.getConfigMapping(WorkspaceConfig.class).dir()).isEqualTo(Path.of("/var/lib/aitbc/miner/jobs"));
    }

    @Test
    void environmentNames() {
        SmallRyeConfig config = config(Map.of("MINER_NVIDIA_SMI_PATH", "/opt/nvidia/bin/nvidia-smi",
                "MINER_NVIDIA_SMI_TIMEOUT", "3s", "MINER_WORKSPACE_DIR", "/srv/jobs"));

        assertThat(config.getConfigMapping(ProbeConfig.class).path()).isEqualTo("/opt/nvidia/bin/nvidia-smi");
        assertThat(config.getConfigMapping(ProbeConfig.class).timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.getConfigMapping(WorkspaceConfig.class).dir()).isEqualTo(Path.of("/srv/jobs"));
    }

    private static SmallRyeConfig config(Map<String, String> env) {
        return new SmallRyeConfigBuilder().withSources(new EnvConfigSource(env, 300))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withMapping(ProbeConfig.class).withMapping(WorkspaceConfig.class).build();
    }
}
