package io.aitbc.miner.ollama;

import java.time.Duration;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What one streaming {@code /api/generate} call gave: the text Ollama streamed and its final {@code done: true} line.
 *
 * @param output the concatenated {@code response} fields of every chunk
 * @param done the final line, with {@code eval_count}, {@code eval_duration}, {@code load_duration},
 *        {@code prompt_eval_count}, {@code done_reason} and the other statistics Ollama reports
 * @param elapsedNanos wall time on a monotonic clock from sending the request to receiving the done line
 * @param firstChunk time from sending the request to the first chunk's arrival (model load and prompt evaluation
 *        included), measured where the chunk arrives
 */
public record OllamaAnswer(String output, ObjectNode done, long elapsedNanos, Duration firstChunk) {
}
