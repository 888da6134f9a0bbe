package io.aitbc.miner.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.Endpoint;
import io.aitbc.miner.sim.Fault;
import io.aitbc.miner.sim.RequestRecord;
import io.aitbc.miner.sim.SimJobState;
import io.aitbc.miner.testing.TestInfra;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** After a 429, nothing goes to that endpoint before {@code Retry-After} has passed, and no job is lost (D1). */
@QuarkusTest
@WithTestResource(value = TestInfra.class, scope = TestResourceScope.GLOBAL)
class RateLimitStormTest {

    private static final int RETRY_AFTER_SECONDS = 1;

    private final CoordinatorSimulator sim = TestInfra.simulator();

    @AfterEach
    void clearFaults() {
        sim.faults().clear();
    }

    @Test
    void pollsAndUploadsWaitOutEveryRetryAfter() {
        Instant start = Instant.now();
        sim.faults().inject(Endpoint.POLL, Fault.rateLimitBurst(RETRY_AFTER_SECONDS, 3));
        sim.faults().inject(Endpoint.RESULT, Fault.rateLimitBurst(RETRY_AFTER_SECONDS, 2));
        String id = sim.submit(InferencePipelineTest.inference(TestInfra.MODEL, "storm"));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> sim.job(id).map(j -> j.state() == SimJobState.COMPLETED).orElse(false));

        assertThat(sim.job(id).orElseThrow().reports()).hasSize(1);
        List<RequestRecord> log = sim.requests().stream().filter(r -> !r.at().isBefore(start)).toList();
        assertRetryAfterHonoured(log, Endpoint.POLL, 3);
        assertRetryAfterHonoured(log, Endpoint.RESULT, 2);
    }

    private static void assertRetryAfterHonoured(List<RequestRecord> log, Endpoint endpoint, int storms) {
        List<RequestRecord> calls = log.stream().filter(r -> r.endpoint() == endpoint).toList();
        long limited = calls.stream().filter(r -> r.status() == 429).count();
        assertThat(limited).as("429s on %s", endpoint).isEqualTo(storms);
        for (int i = 0; i < calls.size() - 1; i++) {
            if (calls.get(i).status() == 429) {
                Duration gap = Duration.between(calls.get(i).at(), calls.get(i + 1).at());
                assertThat(gap).as("gap after 429 #%d on %s", i, endpoint)
                        .isGreaterThanOrEqualTo(Duration.ofSeconds(RETRY_AFTER_SECONDS));
            }
        }
    }
}
