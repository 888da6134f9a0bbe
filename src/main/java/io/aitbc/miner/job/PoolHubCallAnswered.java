package io.aitbc.miner.job;

/**
 * A CDI event: a pool-hub call ended (D43).
 *
 * @param call {@code register} or {@code heartbeat}
 * @param outcome {@code 2xx}, the HTTP status of a refusal, or {@code none} when no answer came
 */
public record PoolHubCallAnswered(String call, String outcome) {
}
