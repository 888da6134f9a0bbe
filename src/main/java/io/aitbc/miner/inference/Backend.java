package io.aitbc.miner.inference;

import java.util.Locale;

/** The inference backends a node can use ({@code MINER_INFERENCE_BACKEND}, decisions D40). */
public enum Backend {
    /** The node's Ollama server ({@code MINER_OLLAMA_URL}). */
    OLLAMA,
    /** A long-running OpenAI-compatible server ({@code MINER_OPENAI_URL}): vLLM, llama.cpp, SGLang, TGI. */
    OPENAI;

    /** The name results, readiness data and metric labels use: {@code ollama} or {@code openai}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
