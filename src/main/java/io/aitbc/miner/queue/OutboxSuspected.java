package io.aitbc.miner.queue;

import java.util.List;

/**
 * A CDI event: these outbox entries may have been uploaded already (Redis restarted and may have lost their report),
 * so they wait for reconciliation instead of being sent.
 *
 * @param jobIds the entries now marked ambiguous
 */
public record OutboxSuspected(List<String> jobIds) {
}
