package io.aitbc.miner.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.aitbc.miner.job.JobState;
import io.aitbc.miner.queue.QueueScripts.Script;
import io.aitbc.miner.testing.TestInfra;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every transition script against a real Redis, under a miner prefix of its own so the running agent never sees these
 * jobs. Each script is run twice to show it is idempotent (D11).
 */
@QuarkusTest
@WithTestResource(value = TestInfra.class, scope = TestResourceScope.GLOBAL)
class QueueScriptsTest {

    @Inject
    RedisDataSource redis;

    private QueueScripts scripts;
    private QueueKeys keys;

    @BeforeEach
    void isolate() {
        scripts = new QueueScripts(redis);
        keys = new QueueKeys("unit-" + UUID.randomUUID());
    }

    @Test
    void happyPathMovesOnceThroughEveryStateAndRepeatsAnswerAlready() {
        assertThat(enqueue("j1")).isEqualTo("OK");
        assertThat(enqueue("j1")).isEqualTo("ALREADY");
        assertThat(redis.list(String.class).lrange(keys.state(JobState.READY), 0, -1)).containsExactly("j1");

        var claim = claim("j1");
        assertThat(claim.get(0).toString()).isEqualTo("OK");
        assertThat(claim.get(1).toString()).isEqualTo("{\"prompt\":\"p\"}");
        assertThat(claim.get(4).toInteger()).isEqualTo(1);
        assertThat(claim("j1").get(1).toString()).isEqualTo("running");
        assertThat(redis.sortedSet(String.class).zscore(keys.state(JobState.RUNNING), "j1")).hasValue(9_000_000.0);

        assertThat(complete("j1")).isEqualTo("OK");
        assertThat(complete("j1")).isEqualTo("ALREADY");
        assertThat(field("j1", "outcome")).isEqualTo("{\"result\":{}}");
        assertThat(field("j1", "owner")).isNull();

        assertThat(report("j1", "r1")).isEqualTo("OK");
        assertThat(report("j1", "r1")).isEqualTo("ALREADY");
        assertThat(field("j1", "state")).isEqualTo("done");
        assertThat(redis.hash(String.class).hget(keys.receipt("r1"), "job_id")).isEqualTo("j1");
        assertThat(counts()).containsExactly(0L, 0L, 0L, 0L, 1L, 0L);
    }

    @Test
    void reportOutsideTheOutboxIsRefusedWithTheState() {
        enqueue("j2");
        assertThat(report("j2", "r2")).isEqualTo("STATE:ready");
        assertThat(complete("j2")).isEqualTo("STATE:ready");
        assertThat(complete("nope")).isEqualTo("STATE:missing");
    }

    @Test
    void delayedJobsComeBackOnlyWhenDue() {
        enqueue("due");
        enqueue("later");
        claim("due");
        claim("later");
        assertThat(run(Script.DELAY, List.of(keys.job("due"), keys.state(JobState.RUNNING),
                keys.state(JobState.DELAYED)), "due", "1000", "E_RUNNER: down")).isEqualTo("OK");
        assertThat(run(Script.DELAY, List.of(keys.job("due"), keys.state(JobState.RUNNING),
                keys.state(JobState.DELAYED)), "due", "1000", "E_RUNNER: down")).isEqualTo("ALREADY");
        run(Script.DELAY, List.of(keys.job("later"), keys.state(JobState.RUNNING), keys.state(JobState.DELAYED)),
                "later", "5000", "E_RUNNER: down");

        var promoted = scripts.run(Script.PROMOTE, List.of(keys.state(JobState.DELAYED), keys.state(JobState.READY)),
                "2000", "10", keys.prefix());
        assertThat(promoted.size()).isEqualTo(1);
        assertThat(promoted.get(0).toString()).isEqualTo("due");
        assertThat(field("due", "state")).isEqualTo("ready");
        assertThat(field("later", "state")).isEqualTo("delayed");
        assertThat(claim("due").get(4).toInteger()).as("attempts").isEqualTo(2);
    }

    @Test
    void requeueTakesOnlyJobsOfTheStaleOwner() {
        enqueue("orphan");
        claim("orphan");
        List<String> requeueKeys = List.of(keys.job("orphan"), keys.state(JobState.RUNNING), keys.state(JobState.READY));
        assertThat(run(Script.REQUEUE, requeueKeys, "orphan", "someone-else")).isEqualTo("OWNER");
        assertThat(run(Script.REQUEUE, requeueKeys, "orphan", "42@stale")).isEqualTo("OK");
        assertThat(run(Script.REQUEUE, requeueKeys, "orphan", "42@stale")).isEqualTo("STATE:ready");
        assertThat(field("orphan", "last_error")).startsWith("E_INTERRUPTED");
    }

    @Test
    void cancelStopsUnfinishedJobsButNeverAnOutboxEntry() {
        enqueue("c1");
        enqueue("c2");
        claim("c2");
        enqueue("c3");
        claim("c3");
        complete("c3");
        assertThat(cancel("c1")).isEqualTo("OK");
        assertThat(cancel("c1")).isEqualTo("STATE:done");
        assertThat(cancel("c2")).isEqualTo("OK");
        assertThat(cancel("c3")).isEqualTo("STATE:outbox");
        assertThat(field("c2", "report_reason")).isEqualTo("cancelled");
        assertThat(counts()).containsExactly(0L, 0L, 0L, 1L, 2L, 0L);
    }

    @Test
    void amendBuryAndDeadlineActOnlyInTheirStates() {
        enqueue("a1");
        claim("a1");
        assertThat(run(Script.DEADLINE, List.of(keys.job("a1"), keys.state(JobState.RUNNING)), "a1", "7000"))
                .isEqualTo("OK");
        assertThat(redis.sortedSet(String.class).zscore(keys.state(JobState.RUNNING), "a1")).hasValue(7000.0);
        assertThat(run(Script.AMEND, List.of(keys.job("a1")), "FAIL", "E_INTERNAL", "{}")).isEqualTo("STATE:running");
        complete("a1");
        assertThat(run(Script.AMEND, List.of(keys.job("a1")), "FAIL", "E_INTERNAL", "{\"x\":1}")).isEqualTo("OK");
        assertThat(field("a1", "report")).isEqualTo("FAIL");
        List<String> buryKeys = List.of(keys.job("a1"), keys.state(JobState.OUTBOX), keys.state(JobState.DEAD));
        assertThat(run(Script.BURY, buryKeys, "a1", "refused", "1")).isEqualTo("OK");
        assertThat(run(Script.BURY, buryKeys, "a1", "refused", "1")).isEqualTo("ALREADY");
        assertThat(counts()).containsExactly(0L, 0L, 0L, 0L, 0L, 1L);
    }

    @Test
    void trimForgetsOldDoneJobsOnly() {
        enqueue("old");
        claim("old");
        complete("old");
        report("old", "r-old");
        assertThat(scripts.run(Script.TRIM, List.of(keys.state(JobState.DONE)), "1", "10", keys.prefix()).toLong())
                .isZero();
        assertThat(scripts.run(Script.TRIM, List.of(keys.state(JobState.DONE)), Long.toString(Long.MAX_VALUE / 2),
                "10", keys.prefix()).toLong()).isEqualTo(1);
        assertThat(redis.key().exists(keys.job("old"))).isFalse();
    }

    private String enqueue(String id) {
        return run(Script.ENQUEUE, List.of(keys.job(id), keys.state(JobState.READY)), id, "{\"prompt\":\"p\"}", "{}",
                "9000000", "1", "cpu");
    }

    private io.vertx.mutiny.redis.client.Response claim(String id) {
        return scripts.run(Script.CLAIM, List.of(keys.job(id), keys.state(JobState.READY),
                keys.state(JobState.RUNNING)), id, "42", "2", "42@stale");
    }

    private String complete(String id) {
        return run(Script.COMPLETE, List.of(keys.job(id), keys.state(JobState.RUNNING), keys.state(JobState.OUTBOX)),
                id, "RESULT", "", "{\"result\":{}}", "3");
    }

    private String report(String id, String receiptId) {
        return run(Script.REPORT, List.of(keys.job(id), keys.state(JobState.OUTBOX), keys.state(JobState.DONE),
                keys.receipts(), keys.receipt(receiptId)), id, "reported", "4", "{\"receipt_id\":\"" + receiptId + "\"}",
                receiptId, "true", "10", keys.prefix());
    }

    private String cancel(String id) {
        return run(Script.CANCEL, List.of(keys.job(id), keys.state(JobState.READY), keys.state(JobState.DELAYED),
                keys.state(JobState.RUNNING), keys.state(JobState.DONE)), id, "5");
    }

    private List<Long> counts() {
        var answer = scripts.run(Script.COUNTS, java.util.Arrays.stream(JobState.values()).map(keys::state).toList());
        return java.util.stream.IntStream.range(0, 6).mapToObj(i -> answer.get(i).toLong()).toList();
    }

    private String field(String id, String name) {
        return redis.hash(String.class).hget(keys.job(id), name);
    }

    private String run(Script script, List<String> scriptKeys, String... args) {
        return scripts.run(script, scriptKeys, args).toString();
    }
}
