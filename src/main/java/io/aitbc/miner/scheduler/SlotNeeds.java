package io.aitbc.miner.scheduler;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.allowlist.AllowlistRegistry;
import io.aitbc.miner.allowlist.CommandEntry;
import io.aitbc.miner.allowlist.EntryLimits;
import io.aitbc.miner.allowlist.PythonEntry;
import io.aitbc.miner.job.JobType;
import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.job.SlotNeed;
import io.aitbc.miner.queue.SlotNeedRule;

/**
 * Which pool a job needs (D13), decided when it enters the queue: inference jobs the inference pool, {@code cli} and
 * {@code python} jobs the pool their allowlist entry names ({@code slot: gpu} → a GPU, with
 * {@code constraints.min_vram_gb}). A job that fails at once (unknown type, unlisted command or module) needs a CPU
 * slot only to be refused.
 */
@ApplicationScoped
class SlotNeeds implements SlotNeedRule {

    private final AllowlistRegistry allowlist;

    SlotNeeds(AllowlistRegistry allowlist) {
        this.allowlist = allowlist;
    }

    @Override
    public SlotNeed of(JsonNode payload, JsonNode constraints) {
        return switch (JobType.of(payload)) {
            case INFERENCE, TRANSCRIBE -> SlotNeed.of(SlotKind.INFERENCE);
            case REENCODE -> SlotNeed.of(SlotKind.CPU);
            case CLI -> entrySlot(allowlist.current().command(payload.path("command").asText())
                    .map(CommandEntry::limits).orElse(null), constraints);
            case PYTHON -> entrySlot(allowlist.current().module(payload.path("module").asText())
                    .map(PythonEntry::limits).orElse(null), constraints);
            case UNKNOWN -> SlotNeed.of(SlotKind.CPU);
        };
    }

    private static SlotNeed entrySlot(EntryLimits limits, JsonNode constraints) {
        if (limits == null || limits.slot() == SlotKind.CPU) {
            return SlotNeed.of(SlotKind.CPU);
        }
        return new SlotNeed(SlotKind.GPU, SlotNeed.minVramGb(constraints));
    }
}
