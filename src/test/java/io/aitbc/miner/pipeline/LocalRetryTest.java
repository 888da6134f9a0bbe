package io.aitbc.miner.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.FakeOllamaOptions;
import io.aitbc.miner.sim.SimJobState;
import io.aitbc.miner.sim.SimReport;
import io.aitbc.miner.testing.TestInfra;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A transient runner failure ({@code E_RUNNER}: Ollama answers 500) waits in {@code delayed} and runs again when its
 * time comes; the client sees only the one result of the run that worked.
 */
@QuarkusTest
@WithTestResource(value = TestInfra.class, scope = TestResourceScope.GLOBAL)
class LocalRetryTest {

    private final CoordinatorSimulator sim = TestInfra.simulator();

    @Inject
    RedisDataSource redis;

    @AfterEach
    void healOllama() {
        TestInfra.ollama().options().fault(FakeOllamaOptions.Fault.NONE);
    }

    @Test
    void aTransientFailureIsRunAgainAndReportedOnce() {
        TestInfra.ollama().options().fault(FakeOllamaOptions.Fault.HTTP_500);
        String id = sim.submit(InferencePipelineTest.inference(TestInfra.MODEL, "retried"));
        String job = "miner:{" + TestInfra.MINER_ID + "}:job:" + id;
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> "delayed".equals(redis.hash(String.class).hget(job, "state")));
        assertThat(redis.hash(String.class).hget(job, "last_error")).startsWith("E_RUNNER");
        TestInfra.ollama().options().fault(FakeOllamaOptions.Fault.NONE);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> sim.job(id).map(j -> j.state() == SimJobState.COMPLETED).orElse(false));
        assertThat(sim.job(id).orElseThrow().reports()).extracting(SimReport::kind).containsExactly(SimReport.Kind.RESULT);
        assertThat(Integer.parseInt(redis.hash(String.class).hget(job, "attempts"))).isGreaterThanOrEqualTo(2);
    }
}
