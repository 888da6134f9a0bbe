package io.aitbc.miner.job;

/**
 * A CDI event: the publisher tried to upsert a marketplace offer (D43).
 *
 * @param serviceType {@code ollama}, {@code whisper} or {@code ffmpeg}
 * @param outcome {@code 2xx}, the HTTP status of a refusal, or {@code none} when no answer came
 */
public record OfferAnswered(String serviceType, String outcome) {
}
