package io.aitbc.miner.job;

/**
 * A CDI event: what the capability document would say changed (an inference backend went down or came back, its
 * model list or measured benchmarks changed), so registration sends it again.
 *
 * @param reason what changed, for the log
 */
public record CapabilitiesChanged(String reason) {
}
