package io.aitbc.miner.allowlist;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import io.aitbc.miner.job.SlotKind;

/**
 * What an allowlist entry grants a run, shared by commands and Python modules.
 *
 * @param timeout wall-clock limit (default 300 s)
 * @param memoryBytes cgroup memory / address-space limit; empty for none
 * @param slot {@link SlotKind#CPU} (default) or {@link SlotKind#GPU}
 * @param network whether the job may use the network; {@code false} (default) runs it in a private network namespace
 * @param secrets names of files under {@code MINER_JOB_SECRETS_DIR} handed to the job (D19)
 * @param source {@code file:line} of the entry, for messages
 */
public record EntryLimits(Duration timeout, OptionalLong memoryBytes, SlotKind slot, boolean network,
        List<String> secrets, String source) {
}
