package io.aitbc.miner.runner;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.allowlist.AllowlistRegistry;
import io.aitbc.miner.allowlist.EntryLimits;
import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.job.SlotNeed;

/**
 * Which pool a job needs (D13): inference and {@code transcribe} jobs (a GPU Whisper service shares the GPU with
 * Ollama) the inference pool, {@code reencode} jobs a CPU slot, {@code cli}/{@code python} jobs the pool their
 * allowlist entry names ({@code slot: gpu} → a GPU, with {@code constraints.min_vram_gb}), anything else none (it
 * fails at once). An unlisted command or module needs a CPU slot only to be refused.
 */
@ApplicationScoped
public class SlotNeeds {

    private final RunnerDispatcher dispatcher;
    private final AllowlistRegistry allowlist;

    public SlotNeeds(RunnerDispatcher dispatcher, AllowlistRegistry allowlist) {
        this.dispatcher = dispatcher;
        this.allowlist = allowlist;
    }

    /** The slot the job needs. */
    public SlotNeed of(JsonNode payload, JsonNode constraints) {
        return switch (dispatcher.classify(payload)) {
            case INFERENCE, TRANSCRIBE -> SlotNeed.of(SlotKind.INFERENCE);
            case REENCODE -> SlotNeed.of(SlotKind.CPU);
            case CLI -> entrySlot(allowlist.current().command(payload.path("command").asText())
                    .map(c -> c.limits()).orElse(null), constraints);
            case PYTHON -> entrySlot(allowlist.current().module(payload.path("module").asText())
                    .map(m -> m.limits()).orElse(null), constraints);
            case UNKNOWN -> SlotNeed.NONE;
        };
    }

    private static SlotNeed entrySlot(EntryLimits limits, JsonNode constraints) {
        if (limits == null || limits.slot() == SlotKind.CPU) {
            return SlotNeed.of(SlotKind.CPU);
        }
        return new SlotNeed(java.util.Optional.of(SlotKind.GPU), minVramGb(constraints));
    }

    /** {@code constraints.min_vram_gb}, 0 when absent or not a number. */
    static double minVramGb(JsonNode constraints) {
        JsonNode value = constraints == null ? null : constraints.get("min_vram_gb");
        return value != null && value.isNumber() ? Math.max(0, value.asDouble()) : 0;
    }
}
