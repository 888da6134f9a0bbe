package io.aitbc.miner.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.RawOutcome;
import io.aitbc.miner.job.SlotKind;
import io.quarkus.runtime.configuration.MemorySize;

/** D20 and D7 applied once to what runners return: billing from the measured time and slot, keys stripped, cap. */
class ResultRulesTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ResultRules rules = rules(64 * 1024);

    @ParameterizedTest
    @CsvSource({ "INFERENCE, gpu_seconds", "GPU, gpu_seconds", "CPU, cpu_seconds" })
    void theBillingBlockComesFromTheMeasuredTimeAndTheSlotKind(SlotKind slot, String unitType) {
        JobOutcome outcome = rules.apply(RawOutcome.measured(success(JSON.objectNode()), Duration.ofNanos(1_234_999_999)),
                slot);

        JsonNode metrics = outcome.body().get("metrics");
        assertThat(metrics.fieldNames()).toIterable().containsExactly("duration_ms", "unit_type", "unit_price");
        assertThat(metrics.get("duration_ms").asLong()).as("whole milliseconds, rounded down").isEqualTo(1234);
        assertThat(metrics.get("duration_ms").isIntegralNumber()).isTrue();
        assertThat(metrics.get("unit_type").asText()).isEqualTo(unitType);
        assertThat(metrics.get("unit_price").decimalValue()).isEqualByComparingTo("0.02");
    }

    @Test
    void theRunnersOwnMetricsFollowTheBillingBlock() {
        ObjectNode gpus = JSON.objectNode().put("gpu_count", 1).put("gpu_name", "L4");
        JobOutcome outcome = rules.apply(
                RawOutcome.measured(JobOutcome.success(JSON.objectNode(), gpus), Duration.ofMillis(5)),
                SlotKind.INFERENCE);

        assertThat(outcome.body().get("metrics").fieldNames()).toIterable().containsExactly("duration_ms", "unit_type",
                "unit_price", "gpu_count", "gpu_name");
        assertThat(outcome.body().fieldNames()).toIterable().containsExactly("result", "metrics");
    }

    @Test
    void noBillingKeyOfJobOutputReachesTheReportAtAnyDepth() {
        ObjectNode output = JSON.objectNode().put("answer", 42).put("units", 1000).put("price", 9.99);
        output.putObject("nested").put("cost", 1).put("aitbc_earned", 5).putArray("list").addObject()
                .put("unit_price", 100).put("kept", true);
        ObjectNode result = JSON.objectNode().put("status", "completed").put("unit_type", "free");
        result.set("output", output);
        ObjectNode sneaky = JSON.objectNode().put("unit_price", 1000).put("gpu_count", 1);

        JobOutcome outcome = rules.apply(
                RawOutcome.measured(JobOutcome.success(result, sneaky), Duration.ofMillis(5)), SlotKind.CPU);

        assertThat(allFieldNames(outcome.body().get("result"))).containsExactlyInAnyOrder("status", "output",
                "answer", "nested", "list", "kept");
        assertThat(outcome.body().at("/metrics/unit_price").decimalValue()).isEqualByComparingTo("0.02");
        assertThat(outcome.body().at("/metrics/unit_type").asText()).isEqualTo("cpu_seconds");
        assertThat(outcome.body().at("/metrics/gpu_count").asInt()).isEqualTo(1);
    }

    @Test
    void workThatDidNotRunIsNotBilled() {
        JobOutcome refused = rules.apply(RawOutcome.unmeasured(JobOutcome.failure(ErrorCode.E_DENY, "no")),
                SlotKind.CPU);

        assertThat(refused.errorCode()).isEqualTo(ErrorCode.E_DENY);
        assertThat(refused.body().get("metrics")).isEmpty();
    }

    @Test
    void aFailureAfterTheWorkRanIsBilledForItsTime() {
        JobOutcome failed = rules.apply(
                RawOutcome.measured(JobOutcome.failure(ErrorCode.E_TIMEOUT, "too slow"), Duration.ofSeconds(2)),
                SlotKind.GPU);

        assertThat(failed.body().get("error_message").asText()).isEqualTo("E_TIMEOUT: too slow");
        assertThat(failed.body().at("/metrics/duration_ms").asLong()).isEqualTo(2000);
        assertThat(failed.body().at("/metrics/unit_type").asText()).isEqualTo("gpu_seconds");
    }

    @Test
    void theReportIsCutToTheResultLimit() {
        ObjectNode result = JSON.objectNode().put("status", "completed").put("output", "x".repeat(20_000));

        JobOutcome capped = rules(8 * 1024).apply(RawOutcome.measured(success(result), Duration.ofMillis(1)),
                SlotKind.CPU);

        assertThat(capped.body().toString().length()).isLessThanOrEqualTo(8 * 1024);
        assertThat(capped.body().at("/result/truncated").asBoolean()).isTrue();
        assertThat(capped.body().at("/metrics/duration_ms").asLong()).isEqualTo(1);
    }

    @Test
    void artifactsGetWhatTheLimitLeavesBesideTheOutputText() {
        ResultRules small = rules(64 * 1024);

        assertThat(small.artifactBudget(1000)).isEqualTo(64 * 1024 - ResultSizeCap.ARTIFACT_SLACK - 1000);
        assertThat(small.artifactBudget(1 << 20)).as("never negative").isZero();
    }

    private static ResultRules rules(long maxBytes) {
        return new ResultRules(new BigDecimal("0.02"),
                new ResultSizeCap(() -> new MemorySize(BigInteger.valueOf(maxBytes))));
    }

    private static JobOutcome success(ObjectNode result) {
        return JobOutcome.success(result, JSON.objectNode());
    }

    private static List<String> allFieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.properties().forEach(field -> names.add(field.getKey()));
        node.forEach(child -> names.addAll(allFieldNames(child)));
        return names;
    }
}
