package io.aitbc.miner.pipeline;

import static io.aitbc.miner.pipeline.SandboxJobs.awaitEnd;
import static io.aitbc.miner.pipeline.SandboxJobs.cli;
import static io.aitbc.miner.pipeline.SandboxJobs.python;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.Placement;
import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.runner.process.CliRunner;
import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.SimJob;
import io.aitbc.miner.sim.SimJobState;
import io.aitbc.miner.testing.TestInfra;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Hostile {@code cli} and {@code python} jobs through the whole agent: each ends in one {@code /fail} with a clear
 * error code, while an ordinary job submitted beside it still completes.
 */
@QuarkusTest
@WithTestResource(value = TestInfra.class, scope = TestResourceScope.GLOBAL)
class HostileJobsTest {

    private final CoordinatorSimulator sim = TestInfra.simulator();

    @Inject
    CliRunner cli;

    static Stream<Arguments> hostile() {
        return Stream.of(
                // shell metacharacters: nothing is parsed by a shell, and the patterns refuse them
                of("semicolon", cli("echo", "hello; rm -rf /"), ErrorCode.E_DENY),
                of("command substitution", cli("echo", "$(id)"), ErrorCode.E_DENY),
                of("backticks", cli("echo", "`id`"), ErrorCode.E_DENY),
                of("pipe", cli("echo", "a | cat /etc/passwd"), ErrorCode.E_DENY),
                of("and-list", cli("echo", "a && reboot"), ErrorCode.E_DENY),
                of("redirect", cli("echo", "a > /tmp/owned"), ErrorCode.E_DENY),
                of("newline", cli("echo", "a\nid"), ErrorCode.E_DENY),
                of("variable", cli("echo", "${PATH}"), ErrorCode.E_DENY),
                of("glob", cli("echo", "*"), ErrorCode.E_DENY),
                of("semicolon in a file name", cli("sha256", "file;id"), ErrorCode.E_DENY),
                of("semicolon after a number", cli("sleep", "1;reboot"), ErrorCode.E_DENY),
                of("partial match only", cli("sleep", "1 2"), ErrorCode.E_DENY),
                // paths in arguments
                of("dot-dot path", cli("sha256", "../../etc/shadow"), ErrorCode.E_DENY),
                of("absolute path", cli("sha256", "/etc/shadow"), ErrorCode.E_DENY),
                of("home path", cli("sha256", "~/.ssh/id_rsa"), ErrorCode.E_DENY),
                of("option with a path", cli("sha256", "--files-from=/etc/passwd"), ErrorCode.E_DENY),
                of("bare dot-dot is a directory", cli("sha256", ".."), ErrorCode.E_EXIT),
                of("argument to an entry taking none", cli("cat", "/etc/passwd"), ErrorCode.E_DENY),
                // unlisted commands and modules
                of("unlisted command", cli("rm", "-rf", "x"), ErrorCode.E_DENY),
                of("command as a path", cli("/bin/sh", "-c", "id"), ErrorCode.E_DENY),
                of("command with dot-dot", cli("../../bin/sh"), ErrorCode.E_DENY),
                of("command with a space", cli("sh -c id"), ErrorCode.E_DENY),
                of("empty command", cli(""), ErrorCode.E_DENY),
                of("command of a malformed file", cli("ls"), ErrorCode.E_DENY),
                of("command in other case", cli("SLEEP", "1"), ErrorCode.E_DENY),
                of("unlisted module os", python("os", new JsonObject()), ErrorCode.E_DENY),
                of("unlisted module subprocess", python("subprocess", new JsonObject()), ErrorCode.E_DENY),
                of("module with code", python("aitbc_test.echo_json; import os", new JsonObject()), ErrorCode.E_DENY),
                of("module as a path", python("../aitbc_test/echo_json", new JsonObject()), ErrorCode.E_DENY),
                of("package, not an entry", python("aitbc_test", new JsonObject()), ErrorCode.E_DENY),
                of("module with a trailing space", python("aitbc_test.echo_json ", new JsonObject()),
                        ErrorCode.E_DENY),
                // oversized input
                of("oversized stdin", cli("cat").put("stdin", "x".repeat(100_000)), ErrorCode.E_DENY),
                of("oversized python args", python("aitbc_test.echo_json",
                        new JsonObject().put("blob", "x".repeat(100_000))), ErrorCode.E_DENY),
                of("oversized argument", cli("echo", "a".repeat(5000)), ErrorCode.E_DENY),
                of("too many arguments", cli("sleep", "1", "2"), ErrorCode.E_DENY),
                of("far too many arguments", cli("echo", IntStream.range(0, 20).mapToObj(i -> "a")
                        .toArray(String[]::new)), ErrorCode.E_DENY),
                of("huge command name", cli("x".repeat(10_000)), ErrorCode.E_DENY),
                // NUL bytes
                of("NUL in an argument", cli("echo", "a\u0000b"), ErrorCode.E_DENY),
                of("NUL as an argument", cli("sha256", "\u0000"), ErrorCode.E_DENY),
                of("NUL in a command", cli("sleep\u0000"), ErrorCode.E_DENY),
                of("NUL in a module", python("aitbc_test.echo_json\u0000", new JsonObject()), ErrorCode.E_DENY),
                // environment injection
                of("env field", cli("echo", "hi").put("env", new JsonObject().put("LD_PRELOAD", "/tmp/x.so")),
                        ErrorCode.E_DENY),
                of("environment field", python("aitbc_test.env_dump", new JsonObject())
                        .put("environment", new JsonObject().put("PYTHONPATH", "/tmp")), ErrorCode.E_DENY),
                of("variables field", cli("echo", "hi").put("variables", new JsonArray().add("PATH=/tmp")),
                        ErrorCode.E_DENY),
                of("assignment as an argument", cli("echo", "LD_PRELOAD=/tmp/evil.so"), ErrorCode.E_DENY),
                // payloads of the wrong shape
                of("command not a string", new JsonObject().put("type", "cli").put("command", 5), ErrorCode.E_BADJOB),
                of("args not a list", new JsonObject().put("type", "cli").put("command", "echo").put("args", "a b"),
                        ErrorCode.E_BADJOB),
                of("args not strings", cli("echo").put("args", new JsonArray().add(1).add(2)), ErrorCode.E_BADJOB),
                of("stdin not a string", cli("cat").put("stdin", new JsonObject().put("a", 1)), ErrorCode.E_BADJOB),
                of("module null", new JsonObject().put("type", "python").putNull("module"), ErrorCode.E_BADJOB),
                of("no command", new JsonObject().put("type", "cli"), ErrorCode.E_BADJOB),
                of("unknown field", cli("echo", "hi").put("shell", true), ErrorCode.E_BADJOB),
                // what the job does once it runs
                of("symlink in out/ to a system file", python("aitbc_test.artifacts",
                        new JsonObject().put("link", "/etc/passwd")), ErrorCode.E_DENY),
                of("symlink in out/ out of the workspace", python("aitbc_test.artifacts",
                        new JsonObject().put("link", "../../../../..")), ErrorCode.E_DENY),
                of("memory hog", python("aitbc_test.hog", new JsonObject().put("mb", 512)), ErrorCode.E_OOM),
                of("runaway with a grandchild", python("aitbc_test.spawn_and_sleep",
                        new JsonObject().put("marker", "marker")), ErrorCode.E_TIMEOUT),
                of("sleep past its limit", cli("sleep", "5"), ErrorCode.E_TIMEOUT),
                of("secret not mounted", python("aitbc_test.missing_secret", new JsonObject()), ErrorCode.E_DENY),
                of("gpu entry on a node without GPUs", python("aitbc_test.timed", new JsonObject()), ErrorCode.E_NOGPU),
                of("non-zero exit", python("aitbc_test.fail", new JsonObject()), ErrorCode.E_EXIT),
                of("invalid JSON output", python("aitbc_test.bad_json", new JsonObject()), ErrorCode.E_EXIT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void aHostileJobFailsWithItsCodeWhileAnOrdinaryJobCompletes(String name, JsonObject payload, ErrorCode code) {
        String hostileId = sim.submit(payload);
        String ordinaryId = sim.submit(cli("echo", "still serving"));

        SimJob hostile = awaitEnd(sim, hostileId);
        SimJob ordinary = awaitEnd(sim, ordinaryId);

        assertThat(hostile.state()).isEqualTo(SimJobState.FAILED);
        assertThat(hostile.error()).startsWith(code.name() + ": ");
        assertThat(hostile.reports()).hasSize(1);
        assertThat(ordinary.state()).as("the ordinary job beside '%s'", name).isEqualTo(SimJobState.COMPLETED);
        assertThat(ordinary.reports().get(0).body().at("/result/stdout").asText()).isEqualTo("still serving\n");
    }

    @ParameterizedTest
    @ValueSource(strings = { "../../etc", "a/b", "..", "a\u0000b", "", "a b", "%2e%2e%2f", "job\\..\\x",
            "0123456789012345678901234567890123456789012345678901234567890123456789" })
    void aJobIdWithSeparatorsNeverNamesAFolder(String id) throws InterruptedException {
        Job job = new Job(id, cli("echo", "hi").mapTo(com.fasterxml.jackson.databind.node.ObjectNode.class),
                JsonNodeFactory.instance.objectNode(), Instant.now().plusSeconds(60), 1);

        JobOutcome outcome = cli.run(job, Placement.of(SlotKind.CPU)).outcome();

        assertThat(outcome.errorCode()).isEqualTo(ErrorCode.E_BADJOB);
    }

    private static Arguments of(String name, JsonObject payload, ErrorCode code) {
        return Arguments.of(name, payload, code);
    }
}
