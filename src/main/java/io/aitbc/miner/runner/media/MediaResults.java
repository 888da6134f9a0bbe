package io.aitbc.miner.runner.media;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.probe.HardwareProbe;
import io.aitbc.miner.result.ResultConfig;
import io.aitbc.miner.runner.sandbox.SandboxConfig;

/**
 * The parts of a media job's result that follow the agent's rules rather than the job: the production miner's common
 * keys (the result rules add the billing metrics of D20 for the measured processing, never the download), and how much of the
 * result
 * cap ({@code MINER_RESULT_MAX_BYTES}) is left for inlined bytes.
 */
@ApplicationScoped
class MediaResults {

    /** Room kept for the metrics, the envelope and what the uploader adds. */
    static final long SLACK_BYTES = 16 * 1024;

    private final HardwareProbe probe;
    private final long resultMax;
    private final long inlineMax;

    MediaResults(HardwareProbe probe, ResultConfig result, SandboxConfig sandbox) {
        this.probe = probe;
        this.resultMax = result.maxBytes().asLongValue();
        this.inlineMax = sandbox.artifactInlineMax().asLongValue();
    }

    /** {@code status}, {@code execution_time} (the processing, in seconds) and {@code gpu_used}, as that miner sends. */
    ObjectNode completed(Duration processing) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("status", "completed");
        result.put("execution_time", processing.toNanos() / 1e9);
        result.put("gpu_used", probe.inventory().hasGpu());
        return result;
    }

    /** {@code MINER_ARTIFACT_INLINE_MAX}: the largest file inlined. */
    long inlineMax() {
        return inlineMax;
    }

    /** The bytes a result built so far may still grow by and stay under the cap. */
    long room(ObjectNode result) {
        return Math.max(0, resultMax - SLACK_BYTES - result.toString().getBytes(StandardCharsets.UTF_8).length);
    }
}
