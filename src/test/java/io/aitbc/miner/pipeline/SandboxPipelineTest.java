package io.aitbc.miner.pipeline;

import static io.aitbc.miner.pipeline.SandboxJobs.awaitEnd;
import static io.aitbc.miner.pipeline.SandboxJobs.cli;
import static io.aitbc.miner.pipeline.SandboxJobs.python;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.SimJob;
import io.aitbc.miner.sim.SimJobState;
import io.aitbc.miner.testing.SandboxFixtures;
import io.aitbc.miner.testing.TestInfra;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** {@code cli} and {@code python} jobs all the way through the agent, in the sandbox, with real processes. */
@QuarkusTest
@WithTestResource(value = TestInfra.class, scope = TestResourceScope.GLOBAL)
class SandboxPipelineTest {

    private final CoordinatorSimulator sim = TestInfra.simulator();

    @Test
    void sleepRunsAndIsBilledInCpuSeconds() {
        JsonNode body = completed(cli("sleep", "0.2"));
        assertThat(body.at("/result/exit_code").asInt()).isZero();
        assertThat(body.at("/metrics/duration_ms").asLong()).isBetween(150L, 2000L);
        assertThat(body.at("/metrics/unit_type").asText()).isEqualTo("cpu_seconds");
        assertThat(body.at("/metrics/unit_price").decimalValue()).isEqualByComparingTo("0.02");
    }

    @Test
    void sha256sumHashesItsStdin() {
        JsonNode body = completed(cli("sha256", "-").put("stdin", "hello\n"));
        assertThat(body.at("/result/stdout").asText())
                .startsWith("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
    }

    @Test
    void pythonModuleTakesJsonInAndGivesJsonOutWithoutBillingKeys() {
        JsonNode body = completed(python("aitbc_test.echo_json",
                new JsonObject().put("numbers", new JsonArray().add(1).add(2).add(39))));
        JsonNode output = body.at("/result/output");
        assertThat(output.path("sum").asInt()).isEqualTo(42);
        assertThat(output.at("/echo/numbers").size()).isEqualTo(3);
        assertThat(output.has("units")).isFalse();
        assertThat(output.has("price")).isFalse();
        assertThat(output.at("/nested").has("cost")).isFalse();
        assertThat(output.at("/nested/ok").asBoolean()).isTrue();
        assertThat(body.at("/metrics").has("units")).isFalse();
    }

    @Test
    void artifactsAreListedWithSizeAndSha256AndSmallOnesInlined() {
        JsonNode artifacts = completed(python("aitbc_test.artifacts", new JsonObject().put("big", 100_000)))
                .at("/result/artifacts");
        assertThat(artifacts).hasSize(2);
        JsonNode hello = artifacts.get(0);
        assertThat(hello.path("name").asText()).isEqualTo("hello.txt");
        assertThat(hello.path("size").asLong()).isEqualTo(15);
        assertThat(new String(Base64.getDecoder().decode(hello.path("content_base64").asText())))
                .isEqualTo("hello artifact\n");
        assertThat(hello.path("sha256").asText()).hasSize(64);
        JsonNode big = artifacts.get(1);
        assertThat(big.path("name").asText()).isEqualTo("sub/big.bin");
        assertThat(big.path("size").asLong()).isEqualTo(100_000);
        assertThat(big.has("content_base64")).as("over MINER_ARTIFACT_INLINE_MAX").isFalse();
    }

    @Test
    void theEnvironmentIsCleanAndTheJobRunsNicedInItsWorkspace() {
        JsonNode output = completed(python("aitbc_test.env_dump", new JsonObject())).at("/result/output");
        JsonNode env = output.path("env");
        assertThat(env.path("PATH").asText()).isEqualTo("/usr/bin:/bin");
        assertThat(env.path("CUDA_VISIBLE_DEVICES").asText()).isEmpty();
        env.fieldNames().forEachRemaining(name -> assertThat(name).doesNotStartWith("MINER_")
                .doesNotStartWith("QUARKUS_").isNotEqualTo("JAVA_HOME"));
        assertThat(env.toString()).doesNotContain(io.aitbc.miner.sim.SimulatorOptions.DEFAULT_API_KEY);
        assertThat(output.path("nice").asInt()).isEqualTo(10);
        assertThat(output.path("cwd").asText()).endsWith(env.path("AITBC_JOB_ID").asText())
                .isEqualTo(env.path("AITBC_WORKSPACE").asText());
        assertThat(Files.exists(Path.of(output.path("cwd").asText()))).as("workspace removed").isFalse();
    }

    @Test
    void secretsArriveAsPrivateFilesThatAreGoneAfterTheJob() {
        JsonNode output = completed(python("aitbc_test.with_secret", new JsonObject())).at("/result/output");
        assertThat(output.path("length").asInt()).isEqualTo(SandboxFixtures.SECRET.length());
        assertThat(output.path("mode").asText()).isEqualTo("0o400");
        assertThat(output.path("dir_mode").asText()).isEqualTo("0o700");
        assertThat(output.path("in_env").asBoolean()).isFalse();
        assertThat(Files.exists(Path.of(output.path("dir").asText()))).isFalse();
    }

    @Test
    void aSecretTheJobPrintsIsRedactedFromItsResultAndItsFailure() {
        JsonNode result = completed(python("aitbc_test.leak_secret", new JsonObject())).path("result");
        SimJob failed = awaitEnd(sim, sim.submit(python("aitbc_test.leak_secret", new JsonObject().put("fail", true))));

        assertThat(result.path("output").path("header").asText()).isEqualTo("Bearer [redacted]");
        assertThat(result.path("stderr").asText()).isEqualTo("using token [redacted]\n");
        assertThat(result.toString()).doesNotContain(SandboxFixtures.SECRET);
        assertThat(failed.error()).isEqualTo("E_EXIT: exit code 3: using token [redacted]");
    }

    @Test
    void aNonZeroExitFailsWithEExitAndTheStderrTail() {
        SimJob job = awaitEnd(sim, sim.submit(python("aitbc_test.fail", new JsonObject())));
        assertThat(job.state()).isEqualTo(SimJobState.FAILED);
        assertThat(job.error()).startsWith("E_EXIT: exit code 3: something went wrong");
    }

    @Test
    void invalidJsonFromAModuleFailsWithEExit() {
        SimJob job = awaitEnd(sim, sim.submit(python("aitbc_test.bad_json", new JsonObject())));
        assertThat(job.error()).isEqualTo("E_EXIT: module printed invalid JSON");
    }

    private JsonNode completed(JsonObject payload) {
        SimJob job = awaitEnd(sim, sim.submit(payload));
        assertThat(job.state()).as("job ended with %s", job.error()).isEqualTo(SimJobState.COMPLETED);
        assertThat(job.reports()).hasSize(1);
        return job.reports().get(0).body();
    }
}
