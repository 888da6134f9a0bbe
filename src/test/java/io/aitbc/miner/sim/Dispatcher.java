package io.aitbc.miner.sim;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.sim.SimStore.JobEntry;
import io.aitbc.miner.sim.SimStore.MinerEntry;

/** The coordinator's dispatch: FIFO by submission time among queued, unexpired jobs whose constraints match. */
final class Dispatcher {

    private static final String[] BOOLEANS = { "zk_proof_required", "tee_attestation_required", "bond_required",
            "confidential" };
    private static final String[] DECIMALS = { "max_price", "min_bond_amount", "auto_reinvest_pct" };
    private static final String[] FIELDS = { "gpu", "cuda", "min_vram_gb", "models", "region", "max_price",
            "zk_proof_required", "tee_attestation_required", "tee_enclave_id", "min_reputation", "auto_reinvest_pct",
            "bond_required", "min_bond_amount", "confidential", "required_enclave_measurement" };

    private Dispatcher() {
    }

    /** The constraints as a poll answers them: every field, booleans false by default, decimals as strings. */
    static ObjectNode fullConstraints(JsonNode submitted) {
        ObjectNode out = PythonJson.object();
        for (String field : FIELDS) {
            JsonNode value = submitted == null ? null : submitted.get(field);
            out.set(field, value == null ? out.nullNode() : value);
        }
        for (String field : BOOLEANS) {
            out.put(field, out.get(field).asBoolean(false));
        }
        for (String field : DECIMALS) {
            JsonNode value = out.get(field);
            if (value.isNumber()) {
                out.put(field, value.isIntegralNumber() ? value.bigIntegerValue().toString()
                        : PythonNumbers.repr(value.doubleValue()));
            }
        }
        return out;
    }

    /** Picks the oldest matching queued job, marking the expired ones it passes EXPIRED. */
    static Optional<JobEntry> next(SimStore store, MinerEntry miner, Instant now) {
        for (JobEntry job : store.jobs.values()) {
            if (job.state != SimJobState.QUEUED) {
                continue;
            }
            if (job.effectiveState(now) == SimJobState.EXPIRED) {
                job.state = SimJobState.EXPIRED;
            } else if (matches(job.constraints, miner)) {
                return Optional.of(job);
            }
        }
        return Optional.empty();
    }

    static boolean matches(ObjectNode c, MinerEntry miner) {
        JsonNode caps = miner.capabilities == null ? PythonJson.object() : miner.capabilities;
        JsonNode gpus = caps.path("gpus");
        if (isSet(c, "gpu") && !anyGpu(gpus, g -> c.get("gpu").asText().equals(g.path("name").asText(null)))) {
            return false;
        }
        if (isSet(c, "min_vram_gb")) {
            double needMb = c.get("min_vram_gb").asDouble() * 1024;
            if (!anyGpu(gpus, g -> g.path("memory_mb").isNumber() && needMb <= g.get("memory_mb").asDouble())) {
                return false;
            }
        }
        if (isSet(c, "cuda") && !(caps.path("cuda").isTextual()
                && caps.get("cuda").asText().contains(c.get("cuda").asText()))) {
            return false;
        }
        if (isSet(c, "models") && !models(caps).containsAll(strings(c.get("models")))) {
            return false;
        }
        if (isSet(c, "max_price") && !(caps.path("price").isNumber()
                && caps.get("price").decimalValue().compareTo(new BigDecimal(c.get("max_price").asText())) <= 0)) {
            return false;
        }
        return !isSet(c, "region") || c.get("region").asText().equals(miner.region);
    }

    private static boolean isSet(JsonNode c, String field) {
        return c.hasNonNull(field);
    }

    private static boolean anyGpu(JsonNode gpus, java.util.function.Predicate<JsonNode> test) {
        for (JsonNode gpu : gpus) {
            if (test.test(gpu)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> models(JsonNode caps) {
        return strings(caps.path("models"));
    }

    private static Set<String> strings(JsonNode list) {
        Set<String> out = new HashSet<>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }
}
