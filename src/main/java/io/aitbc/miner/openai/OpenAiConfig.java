package io.aitbc.miner.openai;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Where the OpenAI-compatible inference server is ({@code MINER_OPENAI_*}, decisions D40). */
@ConfigMapping(prefix = "miner.openai")
public interface OpenAiConfig {

    /**
     * {@code MINER_OPENAI_URL}: the server's root ({@code http://127.0.0.1:8000}; a trailing {@code /v1} is accepted),
     * required when {@code MINER_INFERENCE_BACKEND} names {@code openai}; default none.
     */
    Optional<URI> url();

    /**
     * {@code MINER_OPENAI_API_KEY_FILE}: a file holding the server's bearer key ({@code vllm serve --api-key}), read
     * once, never logged; default none (no {@code Authorization} header).
     */
    Optional<Path> apiKeyFile();
}
