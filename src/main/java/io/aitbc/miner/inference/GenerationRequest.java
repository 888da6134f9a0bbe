package io.aitbc.miner.inference;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One generation to run on a backend.
 *
 * @param model the model under the coordinator's name (a backend maps it to the name it serves)
 * @param prompt the prompt, sent raw (never logged above DEBUG)
 * @param system the system prompt, if any
 * @param options the job's sampling options in Ollama's vocabulary ({@code num_predict}, {@code temperature}, …),
 *        never an allocation option (D41); empty when none
 * @param firstTokenTimeout longest wait for the first chunk, model load included
 * @param idleTimeout longest pause between two chunks
 */
public record GenerationRequest(String model, String prompt, Optional<String> system, ObjectNode options,
        Duration firstTokenTimeout, Duration idleTimeout) {

    /** The options that decide how Ollama loads a model: configuration only, a job that sets one is refused (D41). */
    public static final Set<String> ALLOCATION_OPTIONS = Set.of("num_ctx", "num_gpu", "use_mlock", "num_thread");

    /**
     * A short fixed generation of at most {@code tokens} tokens, for the deep probe and the benchmarks; the deadline
     * bounds both the first token and each pause.
     */
    public static GenerationRequest fixed(String model, int tokens, Duration deadline) {
        ObjectNode options = JsonNodeFactory.instance.objectNode().put("num_predict", tokens).put("temperature", 0);
        return new GenerationRequest(model, "Count from one to one hundred, in words, separated by spaces:",
                Optional.empty(), options, deadline, deadline);
    }
}
