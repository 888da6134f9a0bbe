package io.aitbc.miner.runner.media;

import java.util.Optional;

/**
 * What a {@code transcribe} job asks of the Whisper service.
 *
 * @param model the model name (checked: never a path); sent to an {@code openai} service, which serves it by name
 * @param language the audio's language, when the job knows it
 * @param prompt an initial prompt, sent where the API has one ({@code openai})
 */
record WhisperRequest(String model, Optional<String> language, Optional<String> prompt) {
}
