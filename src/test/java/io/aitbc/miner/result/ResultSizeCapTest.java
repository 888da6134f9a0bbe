package io.aitbc.miner.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.JobOutcome;
import io.quarkus.runtime.configuration.MemorySize;

class ResultSizeCapTest {

    @Test
    void smallResultsPassUntouched() {
        JobOutcome outcome = success("short");
        assertThat(cap(64 * 1024).apply(outcome)).isSameAs(outcome);
    }

    @Test
    void bigOutputIsCutMarkedAndFlaggedUnderTheLimit() {
        JobOutcome capped = cap(8 * 1024).apply(success("é".repeat(20_000)));

        assertThat(capped.report()).isEqualTo(JobOutcome.Report.RESULT);
        assertThat(size(capped)).isLessThanOrEqualTo(8 * 1024);
        assertThat(capped.body().path("result").path("truncated").asBoolean()).isTrue();
        assertThat(capped.body().path("result").path("output").asText()).contains("[cut by the agent")
                .doesNotContain("\uFFFD");
        assertThat(capped.body().path("metrics").path("duration_ms").asInt()).isEqualTo(1234);
    }

    @Test
    void aResultWithNothingToCutBecomesAnInternalFailure() {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("blob", "x".repeat(20_000));
        JobOutcome capped = cap(8 * 1024).apply(JobOutcome.success(result, JsonNodeFactory.instance.objectNode()));
        assertThat(capped.errorCode()).isEqualTo(ErrorCode.E_INTERNAL);
        assertThat(capped.body().path("error_message").asText()).isEqualTo("E_INTERNAL: result too large for the coordinator");
    }

    @Test
    void shrinkHalvesAfterA413UntilTheMinimumThenFails() {
        ResultSizeCap cap = cap(900 * 1024);
        JobOutcome big = success("y".repeat(40_000));
        JobOutcome half = cap.shrink(big);
        assertThat(size(half)).isLessThanOrEqualTo(size(big) / 2);
        JobOutcome tiny = success("z".repeat(5_000));
        assertThat(cap.shrink(tiny).errorCode()).isEqualTo(ErrorCode.E_INTERNAL);
    }

    @Test
    void limitOutsideFourKToTenMIsRefused() {
        assertThat(limit(1024).problems().list()).containsExactly("miner.result.max-bytes: must be between 4K and 10M");
        assertThat(limit(11 * 1024 * 1024).problems().list()).hasSize(1);
        assertThat(limit(10 * 1024 * 1024).problems().list()).isEmpty();
    }

    private static ResultSizeCap cap(long bytes) {
        return new ResultSizeCap(limit(bytes));
    }

    private static ResultConfig limit(long bytes) {
        return () -> new MemorySize(BigInteger.valueOf(bytes));
    }

    private static JobOutcome success(String output) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("status", "completed");
        result.put("output", output);
        ObjectNode metrics = JsonNodeFactory.instance.objectNode();
        metrics.put("duration_ms", 1234);
        return JobOutcome.success(result, metrics);
    }

    private static int size(JobOutcome outcome) {
        return outcome.body().toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
