package io.aitbc.miner.runner.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.allowlist.AllowlistRegistry;
import io.aitbc.miner.allowlist.PythonEntry;
import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.JobRunner;
import io.aitbc.miner.job.JobType;
import io.aitbc.miner.job.PayloadText;
import io.aitbc.miner.job.Placement;
import io.aitbc.miner.job.RawOutcome;
import io.aitbc.miner.runner.sandbox.Execution;
import io.aitbc.miner.runner.sandbox.SandboxConfig;

/**
 * Runs {@code python} jobs (D17): {@code {"type":"python","module":"<entry>","args":{…}}} runs
 * {@code MINER_PYTHON -P -s -m <module>} with {@code PYTHONPATH=<entry path>} and {@code args} as JSON on stdin; the
 * JSON the module prints goes under {@code result.output} (the pipeline strips any billing key from it, D20).
 */
@ApplicationScoped
public class PythonRunner implements JobRunner {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final AllowlistRegistry allowlist;
    private final SandboxedRun runs;
    private final PayloadRules rules;
    private final Path python;

    PythonRunner(AllowlistRegistry allowlist, SandboxedRun runs, SandboxConfig config) {
        this.allowlist = allowlist;
        this.runs = runs;
        this.rules = new PayloadRules(config);
        this.python = config.python();
    }

    @Override
    public JobType type() {
        return JobType.PYTHON;
    }

    @Override
    public RawOutcome run(Job job, Placement placement) throws InterruptedException {
        JsonNode payload = job.payload();
        Optional<Refusal> bad = rules.check(payload, "module", List.of("type", "module", "args"));
        if (bad.isPresent()) {
            return bad.get().unmeasured();
        }
        String module = payload.get("module").asText();
        Optional<PythonEntry> entry = allowlist.current().module(module);
        if (entry.isEmpty()) {
            return new Refusal(ErrorCode.E_DENY,
                    "python module '" + PayloadText.sanitise(module) + "' is not allowlisted").unmeasured();
        }
        byte[] stdin = payload.path("args").isMissingNode() ? "{}".getBytes(StandardCharsets.UTF_8)
                : payload.get("args").toString().getBytes(StandardCharsets.UTF_8);
        Optional<Refusal> oversized = rules.checkStdin(stdin);
        if (oversized.isPresent()) {
            return oversized.get().unmeasured();
        }
        Launch launch = new Launch(python, List.of("-P", "-s", "-m", module), stdin, entry.get().limits(),
                Map.of("PYTHONPATH", entry.get().path().toString(), "PYTHONDONTWRITEBYTECODE", "1"));
        return runs.run(job, placement, launch, PythonRunner::outcome);
    }

    private static JobOutcome outcome(Execution run, ArrayNode artifacts) {
        JsonNode output;
        try {
            output = run.stdout().cut() ? null : JSON.readTree(run.stdout().text());
        } catch (IOException e) {
            output = null;
        }
        if (output == null || output.isMissingNode()) {
            return new Refusal(ErrorCode.E_EXIT, "module printed invalid JSON" + (run.stdout().cut()
                    ? " (its output was cut at MINER_OUTPUT_MAX_BYTES)"
                    : "")).outcome();
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("status", "completed");
        result.set("output", output);
        result.put("stderr", run.stderr().text());
        result.put("execution_time", run.elapsedNanos() / 1e9);
        result.set("artifacts", artifacts);
        return JobOutcome.success(result, JsonNodeFactory.instance.objectNode());
    }
}
