package io.aitbc.miner.runner.process;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.allowlist.AllowlistRegistry;
import io.aitbc.miner.allowlist.ArgumentPolicy;
import io.aitbc.miner.allowlist.CommandEntry;
import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.JobRunner;
import io.aitbc.miner.job.JobType;
import io.aitbc.miner.job.PayloadText;
import io.aitbc.miner.job.Placement;
import io.aitbc.miner.job.RawOutcome;
import io.aitbc.miner.runner.sandbox.SandboxConfig;

/**
 * Runs {@code cli} jobs: {@code {"type":"cli","command":"<entry>","args":["…"],"stdin":"…"}} runs the allowlisted
 * executable directly (no shell) in the sandbox. Result: {@code status}, {@code exit_code}, {@code stdout},
 * {@code stderr}, {@code execution_time}, {@code artifacts}.
 */
@ApplicationScoped
public class CliRunner implements JobRunner {

    private final AllowlistRegistry allowlist;
    private final SandboxedRun runs;
    private final PayloadRules rules;

    CliRunner(AllowlistRegistry allowlist, SandboxedRun runs, SandboxConfig config) {
        this.allowlist = allowlist;
        this.runs = runs;
        this.rules = new PayloadRules(config);
    }

    @Override
    public JobType type() {
        return JobType.CLI;
    }

    @Override
    public RawOutcome run(Job job, Placement placement) throws InterruptedException {
        JsonNode payload = job.payload();
        Optional<Refusal> bad = rules.check(payload, "command", List.of("type", "command", "args", "stdin"));
        if (bad.isPresent()) {
            return bad.get().unmeasured();
        }
        String name = payload.get("command").asText();
        Optional<CommandEntry> entry = allowlist.current().command(name);
        if (entry.isEmpty()) {
            return new Refusal(ErrorCode.E_DENY, "command '" + PayloadText.sanitise(name) + "' is not allowlisted")
                    .unmeasured();
        }
        List<String> args = new ArrayList<>();
        payload.path("args").forEach(arg -> args.add(arg.asText()));
        Optional<String> denied = ArgumentPolicy.refusal(entry.get(), args, rules.argMaxBytes());
        if (denied.isPresent()) {
            return new Refusal(ErrorCode.E_DENY, denied.get()).unmeasured();
        }
        byte[] stdin = payload.path("stdin").asText("").getBytes(StandardCharsets.UTF_8);
        Optional<Refusal> oversized = rules.checkStdin(stdin);
        if (oversized.isPresent()) {
            return oversized.get().unmeasured();
        }
        Launch launch = new Launch(entry.get().path(), args, stdin, entry.get().limits(), Map.of());
        return runs.run(job, placement, launch, (run, artifacts) -> {
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            result.put("status", "completed");
            result.put("exit_code", run.exitCode());
            result.put("stdout", run.stdout().text());
            result.put("stderr", run.stderr().text());
            result.put("execution_time", run.elapsedNanos() / 1e9);
            result.set("artifacts", artifacts);
            return JobOutcome.success(result, JsonNodeFactory.instance.objectNode());
        });
    }
}
