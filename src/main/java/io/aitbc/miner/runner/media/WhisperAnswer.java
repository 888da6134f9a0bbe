package io.aitbc.miner.runner.media;

import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * A Whisper service's transcription, in the result's terms.
 *
 * @param text the transcript
 * @param model the model that transcribed it, as the service says (the requested one when it does not)
 * @param language the language the service detected or was given
 * @param durationSeconds the audio's length
 * @param segments {@code [{start, end, text}]}
 */
record WhisperAnswer(String text, String model, Optional<String> language, Optional<Double> durationSeconds,
        Optional<ArrayNode> segments) {
}
