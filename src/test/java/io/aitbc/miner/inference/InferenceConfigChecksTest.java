package io.aitbc.miner.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.aitbc.miner.config.ConfigChecks;
import io.aitbc.miner.ollama.OllamaConfig;
import io.aitbc.miner.openai.ModelMapConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The inference settings of D40 and D41 parse, and bad ones stop start-up naming the property (exit 2, D23). */
class InferenceConfigChecksTest {

    @Test
    void bothBackendsModelOptionsAndAModelMapParse() {
        SmallRyeConfig config = build(Map.of("miner.inference.backend", "ollama,openai",
                "miner.ollama.model-options", "{\"llama3.2:3b\": {num_ctx: 8192, use_mlock: true}}",
                "miner.model.map", "llama3.2:3b=meta-llama/Llama-3.2-3B-Instruct,qwen3:8b=Qwen/Qwen3-8B"));

        assertThat(config.getConfigMapping(InferenceConfig.class).backend()).containsExactly(Backend.OLLAMA,
                Backend.OPENAI);
        assertThat(config.getConfigMapping(InferenceConfig.class).maxTokens()).isEqualTo(1024);
        assertThat(config.getConfigMapping(InferenceConfig.class).probeInterval()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> build(Map.of("miner.inference.backend", "ollama,ollama",
                "miner.inference.max-tokens", "0", "miner.ollama.model-options", "{m: {num_batch: 512}}",
                "miner.ollama.keep-alive", "0s", "miner.model.map", "qwen3:8b")))
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> {
                    StringBuilder all = new StringBuilder();
                    for (int i = 0; i < e.getProblemCount(); i++) {
                        all.append(e.getProblem(i).getMessage()).append('\n');
                    }
                    assertThat(all.toString()).contains("miner.inference.backend: names a backend twice",
                            "miner.inference.max-tokens: must be at least 1",
                            "miner.ollama.model-options: m: unknown option num_batch",
                            "miner.ollama.keep-alive: must not be zero");
                });
        assertThatThrownBy(() -> build(Map.of("miner.model.map", "qwen3:8b")))
                .hasMessageContaining("miner.model.map: each entry must be name=served");
    }

    private static SmallRyeConfig build(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withMapping(InferenceConfig.class).withMapping(OllamaConfig.class)
                .withMapping(ModelMapConfig.class).withSources(new PropertiesConfigSource(values, "test", 100))
                .withConverter(Duration.class, 100, new DurationConverter()).withCustomizers(new ConfigChecks())
                .build();
    }
}
