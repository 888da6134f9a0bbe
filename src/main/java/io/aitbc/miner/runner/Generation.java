package io.aitbc.miner.runner;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A finished generation: the text Ollama streamed and its final {@code done: true} line.
 *
 * @param output the concatenated {@code response} fields of every chunk
 * @param done the final line, with {@code eval_count}, {@code eval_duration}, {@code load_duration},
 *        {@code done_reason} and the other statistics Ollama reports
 * @param elapsedNanos wall time on a monotonic clock from sending the request to receiving the done line
 */
public record Generation(String output, ObjectNode done, long elapsedNanos) {
}
