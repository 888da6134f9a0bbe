package io.aitbc.miner.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.SimJobState;
import io.aitbc.miner.testing.TestInfra;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * Redis restarts and loses the acknowledged {@code complete} of a job whose report already landed: the job shows
 * {@code running} again with no runner. The agent commits its outcome again and lets reconciliation settle it, so the
 * job is neither stuck nor reported twice.
 */
@QuarkusTest
@WithTestResource(value = TestInfra.class, scope = TestResourceScope.GLOBAL)
class LostWriteRecoveryTest {

    @Inject
    RedisDataSource redis;

    @Inject
    CrashRecovery recovery;

    @Inject
    Event<OutboxSuspected> suspected;

    private final CoordinatorSimulator sim = TestInfra.simulator();

    @Test
    void aLostCompleteIsCommittedAgainAndSettledWithoutASecondReport() {
        String id = sim.submit(new JsonObject().put("type", "inference").put("model", TestInfra.MODEL)
                .put("prompt", "lost write"));
        QueueKeys keys = new QueueKeys(TestInfra.MINER_ID);
        await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(state(keys, id)));
        assertThat(sim.job(id).orElseThrow().state()).isEqualTo(SimJobState.COMPLETED);

        redis.sortedSet(String.class).zrem(keys.state(io.aitbc.miner.job.JobState.DONE), id);
        redis.hash(String.class).hset(keys.job(id), java.util.Map.of("state", "running", "owner", QueueStore.OWNER));
        redis.sortedSet(String.class).zadd(keys.state(io.aitbc.miner.job.JobState.RUNNING), 9.0e12, id);

        assertThat(recovery.recommitLostOutcomes()).isEqualTo(1);
        assertThat(state(keys, id)).isEqualTo("outbox");
        suspected.fire(new OutboxSuspected(recovery.suspectOutbox()));

        await().atMost(Duration.ofSeconds(40)).until(() -> "done".equals(state(keys, id)));
        assertThat(redis.hash(String.class).hget(keys.job(id), "report_reason")).isEqualTo("reconciled");
        assertThat(sim.job(id).orElseThrow().reports()).hasSize(1);
    }

    private String state(QueueKeys keys, String id) {
        return redis.hash(String.class).hget(keys.job(id), "state");
    }
}
