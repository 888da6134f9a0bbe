package io.aitbc.miner.result;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.RawOutcome;
import io.aitbc.miner.job.SlotKind;

/**
 * The rules every result obeys, in one place and applied once by the pipeline to what a runner returned: no key that
 * sets a bill is copied from job output (D20), the billing metrics are built from the runner's measured time and the
 * slot the job held (D20), and the report fits the upload limit (D7). Runners ask it for their artifact budget.
 */
@ApplicationScoped
public class ResultRules {

    private final BillingMetrics billing;
    private final ResultSizeCap cap;

    /**
     * @param unitPrice {@code MINER_PRICE}, billed per unit
     * @param cap the size limit of results
     */
    public ResultRules(@ConfigProperty(name = "miner.price") BigDecimal unitPrice, ResultSizeCap cap) {
        this.billing = new BillingMetrics(unitPrice);
        this.cap = cap;
    }

    /**
     * The report to commit: billing keys stripped from everything the runner wrote; when the runner measured its work,
     * the billing block ahead of the runner's own metrics; then the size cap. The raw outcome is changed in place.
     *
     * @param slot the pool of the slot the job held
     */
    public JobOutcome apply(RawOutcome raw, SlotKind slot) {
        ObjectNode body = raw.outcome().body();
        BillingKeys.strip(body);
        raw.measured().ifPresent(took -> {
            ObjectNode metrics = billing.block(took, slot);
            JsonNode own = body.get("metrics");
            if (own instanceof ObjectNode extra) {
                metrics.setAll(extra);
            }
            body.set("metrics", metrics);
        });
        return cap.apply(raw.outcome());
    }

    /** Bytes a result with {@code textLength} characters of output text still has for inlined artifacts. */
    public long artifactBudget(long textLength) {
        return cap.artifactBudget(textLength);
    }
}
