package io.aitbc.miner.inference;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * A finished generation, in the same words for every backend.
 *
 * @param backend the backend that ran it
 * @param output the streamed text
 * @param servedModel the model the backend ran, under its own name (the job's model after the model map)
 * @param promptTokens prompt tokens the backend evaluated ({@code prompt_eval_count}, {@code usage.prompt_tokens}),
 *        0 when it did not say
 * @param completionTokens tokens generated ({@code eval_count}, {@code usage.completion_tokens}, or counted chunks)
 * @param doneReason why it stopped ({@code stop}, {@code length}, …)
 * @param elapsedNanos wall time on a monotonic clock from sending the request to the end of the stream
 * @param firstChunk time from sending the request to the first chunk's arrival (model load included)
 * @param load the backend's own model load time, when it reports one (Ollama's {@code load_duration})
 * @param tokensPerSecond generation speed: the backend's own figure where it has one, else completion tokens over
 *        the time after the first chunk
 */
public record Generation(Backend backend, String output, String servedModel, long promptTokens, long completionTokens,
        String doneReason, long elapsedNanos, Duration firstChunk, OptionalLong load, double tokensPerSecond) {
}
