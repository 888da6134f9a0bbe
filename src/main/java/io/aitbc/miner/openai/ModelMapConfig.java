package io.aitbc.miner.openai;

import java.util.Optional;

import io.aitbc.miner.config.CheckedConfig;
import io.aitbc.miner.config.ConfigProblems;
import io.smallrye.config.ConfigMapping;

/** The coordinator's model names mapped to the names an OpenAI-compatible server serves (decisions D40). */
@ConfigMapping(prefix = "miner.model")
public interface ModelMapConfig extends CheckedConfig {

    /**
     * {@code MINER_MODEL_MAP}: comma-separated {@code name=served} pairs, e.g.
     * {@code llama3.2:3b=meta-llama/Llama-3.2-3B-Instruct,qwen3:8b=Qwen/Qwen3-8B}; default none (no name is ever
     * mapped implicitly).
     */
    Optional<String> map();

    @Override
    default ConfigProblems problems() {
        ConfigProblems problems = new ConfigProblems();
        try {
            ModelMap.parse(map());
        } catch (IllegalArgumentException e) {
            problems.require(false, "miner.model.map", e.getMessage());
        }
        return problems;
    }
}
