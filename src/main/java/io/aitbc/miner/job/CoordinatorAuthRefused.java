package io.aitbc.miner.job;

/**
 * A CDI event: the coordinator answered 401 or 403, refusing the API key; readiness is down until a call succeeds.
 *
 * @param reason the endpoint and the answer, never the key
 */
public record CoordinatorAuthRefused(String reason) {
}
