package io.aitbc.miner.result;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.JobOutcome;

/**
 * Keeps results under the upload limit by cutting their bulky text ({@code output}, {@code stdout}, {@code stderr}),
 * marking the cut and setting {@code truncated: true}, rather than refusing them (D7). A result that still does not fit
 * becomes an {@code E_INTERNAL} failure. It also tells runners how much room a result leaves for inlined artifacts,
 * and shrinks a result the coordinator (or its proxy) refused as too large.
 */
@ApplicationScoped
public class ResultSizeCap {

    /** Below this a refused result is not shrunk further: it is failed instead. */
    static final int MIN_BYTES = 4 * 1024;
    static final List<String> CUTTABLE = List.of("output", "stdout", "stderr");
    /** Room kept in a result for everything but its output text and artifacts: fields, metrics, JSON escapes. */
    static final long ARTIFACT_SLACK = 16 * 1024;
    private static final String MARK = "\n…[cut by the agent: %d bytes over the result limit]";

    private final int maxBytes;

    /** @param config the limit, {@code MINER_RESULT_MAX_BYTES} (4K to 10M, checked at start-up by the mapping) */
    public ResultSizeCap(ResultConfig config) {
        this.maxBytes = (int) config.maxBytes().asLongValue();
    }

    /** The outcome cut to the configured limit. */
    public JobOutcome apply(JobOutcome outcome) {
        return capTo(outcome, maxBytes);
    }

    /** Bytes a result with {@code textLength} characters of output text still has for inlined artifacts. */
    public long artifactBudget(long textLength) {
        return Math.max(0, maxBytes - ARTIFACT_SLACK - textLength);
    }

    /**
     * The outcome cut to half its size after the coordinator or its proxy answered 413; a failure once it would be
     * smaller than {@value #MIN_BYTES} bytes.
     */
    public JobOutcome shrink(JobOutcome outcome) {
        int half = size(outcome.body()) / 2;
        return half < MIN_BYTES ? tooLarge() : capTo(outcome, half);
    }

    private JobOutcome capTo(JobOutcome outcome, int limit) {
        if (size(outcome.body()) <= limit) {
            return outcome;
        }
        if (outcome.report() == JobOutcome.Report.FAIL) {
            return tooLarge();
        }
        ObjectNode body = outcome.body().deepCopy();
        ObjectNode result = (ObjectNode) body.path("result");
        for (int pass = 0; pass < 3 && size(body) > limit; pass++) {
            for (String field : CUTTABLE) {
                int excess = size(body) - limit;
                if (excess > 0) {
                    cut(result, field, excess);
                }
            }
        }
        if (size(body) > limit) {
            return tooLarge();
        }
        return new JobOutcome(outcome.report(), null, body);
    }

    private static void cut(ObjectNode result, String field, int excess) {
        JsonNode value = result.get(field);
        if (value == null || !value.isTextual()) {
            return;
        }
        byte[] bytes = value.asText().getBytes(StandardCharsets.UTF_8);
        int keep = Math.max(0, bytes.length - excess - MARK.length() - 24);
        String kept = new String(bytes, 0, keep, StandardCharsets.UTF_8).replaceAll("\uFFFD$", "");
        result.put(field, kept + MARK.formatted(bytes.length - keep));
        result.put("truncated", true);
    }

    private static JobOutcome tooLarge() {
        return JobOutcome.failure(ErrorCode.E_INTERNAL, "result too large for the coordinator");
    }

    private static int size(JsonNode body) {
        return body.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
