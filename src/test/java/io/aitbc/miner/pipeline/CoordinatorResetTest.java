package io.aitbc.miner.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.Endpoint;
import io.aitbc.miner.sim.SimJobState;
import io.aitbc.miner.testing.TestInfra;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A coordinator that forgets its miners mid-run (a database reset) gets the agent back at once (D3). */
@QuarkusTest
@WithTestResource(value = TestInfra.class, scope = TestResourceScope.GLOBAL)
class CoordinatorResetTest {

    private final CoordinatorSimulator sim = TestInfra.simulator();

    @Test
    void agentRegistersAgainAndGoesOn() {
        await().atMost(Duration.ofSeconds(20)).until(() -> sim.miner(TestInfra.MINER_ID).isPresent());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(sim.submit(InferencePipelineTest.inference(TestInfra.MODEL, "before " + i)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> completed(ids.subList(0, 3)));

        Instant reset = Instant.now();
        sim.forgetMiners();
        for (int i = 0; i < 10; i++) {
            ids.add(sim.submit(InferencePipelineTest.inference(TestInfra.MODEL, "after " + i)));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> completed(ids));
        assertThat(sim.requests()).as("a registration after the reset").anyMatch(r -> r.endpoint() == Endpoint.REGISTER
                && r.status() == 200 && r.at().isAfter(reset));
        assertThat(sim.miner(TestInfra.MINER_ID)).hasValueSatisfying(m -> assertThat(m.status()).isEqualTo("ONLINE"));
        assertThat(ids).allSatisfy(id -> assertThat(sim.job(id).orElseThrow().reports()).hasSize(1));
    }

    private boolean completed(List<String> ids) {
        return ids.stream().allMatch(id -> sim.job(id).map(j -> j.state() == SimJobState.COMPLETED).orElse(false));
    }
}
