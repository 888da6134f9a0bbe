package io.aitbc.miner.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.aitbc.miner.job.JobState;
import io.aitbc.miner.queue.QueueScripts.Script;
import io.aitbc.miner.queue.ScriptAnswer.Verdict;
import io.aitbc.miner.queue.Totals.JobTally;
import io.aitbc.miner.testing.TestInfra;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Response;

/**
 * Every transition script against a real Redis, under a miner prefix of its own so the running agent never sees these
 * jobs. Each script is run twice to show it is idempotent (D11); answers are read as {@link ScriptAnswer}s.
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
        assertThat(enqueue("j1")).isEqualTo(answer(Verdict.OK, JobState.READY, 1));
        assertThat(enqueue("j1")).isEqualTo(answer(Verdict.ALREADY, JobState.READY, 0));
        assertThat(redis.list(String.class).lrange(keys.state(JobState.READY), 0, -1)).containsExactly("j1");

        ScriptAnswer claim = claim("j1");
        assertThat(claim.verdict()).isEqualTo(Verdict.OK);
        assertThat(claim.values()).containsExactly("{\"prompt\":\"p\"}", "{}", "9000000", "1");
        assertThat(claim("j1").state()).hasValue(JobState.RUNNING);
        assertThat(claim("j1").verdict()).isEqualTo(Verdict.ALREADY);
        assertThat(redis.sortedSet(String.class).zscore(keys.state(JobState.RUNNING), "j1")).hasValue(9_000_000.0);

        assertThat(complete("j1").verdict()).isEqualTo(Verdict.OK);
        assertThat(complete("j1").verdict()).isEqualTo(Verdict.ALREADY);
        assertThat(field("j1", JobField.OUTCOME)).isEqualTo("{\"result\":{}}");
        assertThat(field("j1", JobField.OWNER)).isNull();
        assertThat(redis.sortedSet(String.class).zscore(keys.state(JobState.OUTBOX), "j1")).hasValue(30_003.0);

        assertThat(report("j1", "r1")).isEqualTo(answer(Verdict.OK, JobState.DONE, -1));
        assertThat(report("j1", "r1")).isEqualTo(answer(Verdict.ALREADY, JobState.DONE, 0));
        assertThat(field("j1", JobField.STATE)).isEqualTo("done");
        assertThat(redis.hash(String.class).hget(keys.receipt("r1"), ReceiptField.JOB_ID.key())).isEqualTo("j1");
        assertThat(counts()).containsExactly(0L, 0L, 0L, 0L, 1L, 0L);
    }

    @Test
    void intakeStoresAPolledJobStraightInRunningAndRepeatsOnlyForItsOwnOwner() {
        assertThat(intake("i1", "7@me")).isEqualTo(answer(Verdict.OK, JobState.RUNNING, 1));
        assertThat(intake("i1", "7@me")).as("the same intake after a lost answer")
                .isEqualTo(answer(Verdict.OK, JobState.RUNNING, 0));
        assertThat(intake("i1", "8@other")).isEqualTo(answer(Verdict.ALREADY, JobState.RUNNING, 0));
        assertThat(redis.sortedSet(String.class).zscore(keys.state(JobState.RUNNING), "i1")).hasValue(9_000_000.0);
        assertThat(List.of(field("i1", JobField.ATTEMPTS), field("i1", JobField.OWNER), field("i1", JobField.SLOT),
                field("i1", JobField.STARTED_AT))).containsExactly("1", "7@me", "cpu", "1");
        assertThat(counts()).containsExactly(0L, 0L, 1L, 0L, 0L, 0L);

        enqueue("i2");
        assertThat(intake("i2", "7@me")).as("a job already known").isEqualTo(answer(Verdict.ALREADY, JobState.READY, 0));
        assertThat(complete("i1").verdict()).isEqualTo(Verdict.OK);
        assertThat(intake("i1", "7@me")).isEqualTo(answer(Verdict.ALREADY, JobState.OUTBOX, 0));
    }

    @Test
    void settlingAJobCountsItInTheLastingTotalsOnce() {
        enqueue("t1");
        claim("t1");
        complete("t1");
        report("t1", "rt1");
        report("t1", "rt1");
        enqueue("t2");
        claim("t2");
        complete("t2");
        report("t2", "rt2", "250000", "");
        enqueue("t3");
        claim("t3");
        complete("t3");
        move(Script.AMEND, List.of(keys.job("t3")), "FAIL", "E_INTERNAL", "{}");
        report("t3", "", "", "");
        enqueue("t4");
        cancel("t4");
        cancel("t4");
        enqueue("t5");
        claim("t5");
        complete("t5");
        report("t5", "", "", Outbox.NOT_FOUND);

        Totals totals = LifetimeTotals.parse(longs(keys.totals()));
        assertThat(totals.jobs()).containsOnly(Assertions.entry(new JobTally("inference", "result", "none"), 2L),
                Assertions.entry(new JobTally("inference", "fail", "E_INTERNAL"), 1L),
                Assertions.entry(new JobTally("inference", "cancelled", "none"), 1L),
                Assertions.entry(new JobTally("inference", "not_found", "none"), 1L));
        assertThat(totals.billedMs()).containsOnly(Assertions.entry("gpu_seconds", 3000L));
        assertThat(totals.earningsMicro()).as("the estimate, then the receipt's price")
                .containsOnly(Assertions.entry("gpu_seconds", 280_000L));
        assertThat(totals.receipts()).containsOnly(Assertions.entry("true", 2L));
        assertThat(field("t2", JobField.PRICE_MICRO)).isEqualTo("250000");
        assertThat(field("t2", JobField.RECEIPT_ID)).isEqualTo("rt2");
        assertThat(longs(keys.bucket(0))).containsOnly(Assertions.entry("jobs:result", 2L), Assertions.entry("jobs:fail", 1L),
                Assertions.entry("jobs:cancelled", 1L), Assertions.entry("jobs:not_found", 1L),
                Assertions.entry("billed_ms", 3000L),
                Assertions.entry("earnings_micro", 280_000L));
        assertThat(redis.key().pttl(keys.bucket(0))).isBetween(1L, 60_000L);
    }

    @Test
    void aReceiptsTeeStatusIsKeptAndCountedOncePerJob() {
        enqueue("tee1");
        claim("tee1");
        complete("tee1");
        report("tee1", "rtee1");
        List<String> tee1 = List.of(keys.job("tee1"), keys.totals());

        assertThat(move(Script.TEE, tee1, "verified", "verified")).isEqualTo(answer(Verdict.OK, JobState.DONE, 0));
        assertThat(move(Script.TEE, tee1, "error: late", "error")).as("a status already kept stays")
                .isEqualTo(answer(Verdict.ALREADY, JobState.DONE, 0));
        enqueue("tee2");
        move(Script.TEE, List.of(keys.job("tee2"), keys.totals()), "attestation_rejected", "attestation_rejected");
        assertThat(move(Script.TEE, List.of(keys.job("gone"), keys.totals()), "verified", "verified").verdict())
                .isEqualTo(Verdict.REFUSED);

        assertThat(field("tee1", JobField.TEE_STATUS)).isEqualTo("verified");
        assertThat(redis.key().exists(keys.job("gone"))).as("no hash is made for a job that is gone").isFalse();
        assertThat(LifetimeTotals.parse(longs(keys.totals())).teeStatuses()).containsOnly(
                Assertions.entry("verified", 1L), Assertions.entry("attestation_rejected", 1L));
    }

    @Test
    void transitionsOutsideTheirStateAreRefusedWithTheState() {
        enqueue("j2");
        assertThat(report("j2", "r2")).isEqualTo(answer(Verdict.REFUSED, JobState.READY, 0));
        assertThat(complete("j2")).isEqualTo(answer(Verdict.REFUSED, JobState.READY, 0));
        assertThat(complete("nope").verdict()).isEqualTo(Verdict.REFUSED);
        assertThat(complete("nope").state()).isEmpty();
    }

    @Test
    void delayedJobsComeBackOnlyWhenDue() {
        enqueue("due");
        enqueue("later");
        claim("due");
        claim("later");
        assertThat(delay("due", "1000").verdict()).isEqualTo(Verdict.OK);
        assertThat(delay("due", "1000").verdict()).isEqualTo(Verdict.ALREADY);
        delay("later", "5000");

        Response due = due(2000);
        assertThat(due.get(0).toString()).as("the next delayed job is due at").isEqualTo("5000");
        assertThat(due.get(2).toInteger()).isEqualTo(1);
        assertThat(due.get(3).toString()).isEqualTo("due");
        assertThat(promote(2000, "due", "later").values()).containsExactly("due");
        assertThat(promote(2000, "due", "later").values()).as("run twice").isEmpty();
        assertThat(field("due", JobField.STATE)).isEqualTo("ready");
        assertThat(field("later", JobField.STATE)).isEqualTo("delayed");
        assertThat(claim("due").values().get(3)).as("attempts").isEqualTo("2");
    }

    @Test
    void anOutboxEntryIsDueOnlyAtItsNextUploadAndAnAmbiguousOneNever() {
        for (String id : List.of("later", "unsure")) {
            enqueue(id);
            claim(id);
            complete(id);
        }
        assertThat(move(Script.POSTPONE, entry("later"), "later", "60000")).isEqualTo(
                answer(Verdict.OK, JobState.OUTBOX, 0));
        assertThat(field("later", JobField.UPLOAD_AFTER)).isEqualTo("60000");
        assertThat(move(Script.AMBIGUOUS, entry("unsure"), "unsure", Outbox.AMBIGUOUS).verdict()).isEqualTo(Verdict.OK);
        assertThat(move(Script.AMBIGUOUS, entry("unsure"), "unsure", Outbox.AMBIGUOUS).verdict())
                .isEqualTo(Verdict.ALREADY);

        assertThat(due(59_999).size()).as("nothing due before 60 s").isEqualTo(3);
        Response atTime = due(60_000);
        assertThat(atTime.get(3).toString()).isEqualTo("later");
        assertThat(redis.sortedSet(String.class).zscore(keys.state(JobState.OUTBOX), "later"))
                .as("looked at again 30 s after it was woken").hasValue(90_000.0);
        assertThat(atTime.get(1).toString()).as("the next outbox look").isEqualTo("90000");
        assertThat(due(Long.MAX_VALUE / 4).size()).as("the ambiguous entry is never due").isEqualTo(4);

        assertThat(move(Script.RESEND, entry("unsure"), "unsure", "7").verdict()).isEqualTo(Verdict.OK);
        assertThat(field("unsure", JobField.UPLOAD)).isNull();
        assertThat(due(7).get(3).toString()).isEqualTo("unsure");
    }

    @Test
    void requeueTakesOnlyJobsOfTheStaleOwner() {
        enqueue("orphan");
        claim("orphan");
        List<String> requeueKeys = List.of(keys.job("orphan"), keys.state(JobState.RUNNING), keys.state(JobState.READY));
        assertThat(move(Script.REQUEUE, requeueKeys, "orphan", "someone-else", "E_INTERRUPTED: stop").verdict())
                .isEqualTo(Verdict.NOT_OWNER);
        assertThat(move(Script.REQUEUE, requeueKeys, "orphan", "42@stale", "E_INTERRUPTED: stop").verdict())
                .isEqualTo(Verdict.OK);
        assertThat(move(Script.REQUEUE, requeueKeys, "orphan", "42@stale", "E_INTERRUPTED: stop"))
                .isEqualTo(answer(Verdict.REFUSED, JobState.READY, 0));
        assertThat(field("orphan", JobField.LAST_ERROR)).startsWith("E_INTERRUPTED");
    }

    @Test
    void cancelStopsUnfinishedJobsButNeverAnOutboxEntry() {
        enqueue("c1");
        enqueue("c2");
        claim("c2");
        enqueue("c3");
        claim("c3");
        complete("c3");
        assertThat(cancel("c1")).isEqualTo(answer(Verdict.OK, JobState.DONE, -1));
        assertThat(cancel("c1")).isEqualTo(answer(Verdict.ALREADY, JobState.DONE, 0));
        assertThat(cancel("c2").verdict()).isEqualTo(Verdict.OK);
        assertThat(cancel("c3")).isEqualTo(answer(Verdict.REFUSED, JobState.OUTBOX, 0));
        assertThat(field("c2", JobField.REPORT_REASON)).isEqualTo("cancelled");
        assertThat(counts()).containsExactly(0L, 0L, 0L, 1L, 2L, 0L);
    }

    @Test
    void amendBuryReviveAndDeadlineActOnlyInTheirStates() {
        enqueue("a1");
        claim("a1");
        assertThat(move(Script.DEADLINE, List.of(keys.job("a1"), keys.state(JobState.RUNNING)), "a1", "7000")
                .verdict()).isEqualTo(Verdict.OK);
        assertThat(redis.sortedSet(String.class).zscore(keys.state(JobState.RUNNING), "a1")).hasValue(7000.0);
        assertThat(move(Script.AMEND, List.of(keys.job("a1")), "FAIL", "E_INTERNAL", "{}").verdict())
                .isEqualTo(Verdict.REFUSED);
        complete("a1");
        assertThat(move(Script.AMEND, List.of(keys.job("a1")), "FAIL", "E_INTERNAL", "{\"x\":1}").verdict())
                .isEqualTo(Verdict.OK);
        assertThat(field("a1", JobField.REPORT)).isEqualTo("FAIL");
        List<String> buryKeys = List.of(keys.job("a1"), keys.state(JobState.OUTBOX), keys.state(JobState.DEAD));
        assertThat(move(Script.BURY, buryKeys, "a1", "refused", "1")).isEqualTo(answer(Verdict.OK, JobState.DEAD, -1));
        assertThat(move(Script.BURY, buryKeys, "a1", "refused", "1").verdict()).isEqualTo(Verdict.ALREADY);
        assertThat(counts()).containsExactly(0L, 0L, 0L, 0L, 0L, 1L);

        List<String> reviveKeys = List.of(keys.job("a1"), keys.state(JobState.DEAD), keys.state(JobState.READY),
                keys.state(JobState.OUTBOX));
        assertThat(move(Script.REVIVE, reviveKeys, "a1", "retry", "", "", "", "8", "9"))
                .isEqualTo(answer(Verdict.OK, JobState.OUTBOX, 1));
        assertThat(move(Script.REVIVE, reviveKeys, "a1", "retry", "", "", "", "8", "9"))
                .isEqualTo(answer(Verdict.REFUSED, JobState.OUTBOX, 0));
        assertThat(redis.sortedSet(String.class).zscore(keys.state(JobState.OUTBOX), "a1")).hasValue(9.0);
    }

    @Test
    void trimForgetsOldDoneJobsAndReceiptsBeyondTheCapOnly() {
        for (String id : List.of("old", "new")) {
            enqueue(id);
            claim(id);
            complete(id);
            report(id, "r-" + id);
        }
        assertThat(trim("1", "10", List.of("old"), List.of())).isEqualTo("0");
        assertThat(redis.key().exists(keys.job("old"))).isTrue();
        assertThat(trim(Long.toString(Long.MAX_VALUE / 2), "1", List.of("old"), List.of("r-old"))).isEqualTo("1");
        assertThat(redis.key().exists(keys.job("old"))).isFalse();
        assertThat(redis.key().exists(keys.receipt("r-old"))).isFalse();
        assertThat(trim("1", "1", List.of(), List.of("r-new"))).as("within the cap").isEqualTo("0");
        assertThat(redis.key().exists(keys.receipt("r-new"))).isTrue();
    }

    @Test
    void anOutboxLeftAsAListByAnEarlierVersionBecomesTheSortedSetOnce() {
        redis.list(String.class).rpush(keys.state(JobState.OUTBOX), "old1", "old2");

        ScriptAnswer upgraded = move(Script.UPGRADE, List.of(keys.state(JobState.OUTBOX)), "5000");
        assertThat(upgraded.ok()).isTrue();
        assertThat(upgraded.values()).containsExactly("2");
        assertThat(redis.sortedSet(String.class).zscore(keys.state(JobState.OUTBOX), "old1")).hasValue(5000.0);
        assertThat(redis.sortedSet(String.class).zscore(keys.state(JobState.OUTBOX), "old2")).hasValue(5000.0);

        assertThat(move(Script.UPGRADE, List.of(keys.state(JobState.OUTBOX)), "9000").verdict())
                .isEqualTo(ScriptAnswer.Verdict.ALREADY);
        assertThat(redis.sortedSet(String.class).zscore(keys.state(JobState.OUTBOX), "old1")).hasValue(5000.0);
    }

    @Test
    void statusAnswersTheLengthsAndTheFirstDueTimes() {
        enqueue("s1");
        claim("s1");
        delay("s1", "4000");
        enqueue("s2");
        Response status = scripts.run(Script.STATUS, statusKeys(), structures());
        assertThat(status.get(0).toString()).isNotEmpty();
        assertThat(status.get(1).toString()).isEqualTo("4000");
        assertThat(status.get(2).toString()).isEmpty();
        assertThat(List.of(status.get(3).toLong(), status.get(4).toLong())).containsExactly(1L, 1L);
    }

    private ScriptAnswer enqueue(String id) {
        return move(Script.ENQUEUE, List.of(keys.job(id), keys.state(JobState.READY)), id, "{\"prompt\":\"p\"}", "{}",
                "9000000", "1", "cpu", "inference");
    }

    private ScriptAnswer intake(String id, String owner) {
        return move(Script.INTAKE, List.of(keys.job(id), keys.state(JobState.RUNNING)), id, "{\"prompt\":\"p\"}", "{}",
                "9000000", "1", "cpu", "inference", "7", owner);
    }

    private ScriptAnswer claim(String id) {
        return move(Script.CLAIM, List.of(keys.job(id), keys.state(JobState.READY), keys.state(JobState.RUNNING)), id,
                "42", "2", "42@stale");
    }

    private ScriptAnswer complete(String id) {
        return move(Script.COMPLETE, List.of(keys.job(id), keys.state(JobState.RUNNING), keys.state(JobState.OUTBOX)),
                id, "RESULT", "", "{\"result\":{}}", "3", "30003", "", "gpu_seconds", "1500", "30000");
    }

    private ScriptAnswer delay(String id, String at) {
        return move(Script.DELAY, List.of(keys.job(id), keys.state(JobState.RUNNING), keys.state(JobState.DELAYED)), id,
                at, "E_RUNNER: down");
    }

    private ScriptAnswer report(String id, String receiptId) {
        return report(id, receiptId, "", "");
    }

    /** A report with a receipt unless {@code receiptId} is empty, and the outcome counted instead ('' for its own). */
    private ScriptAnswer report(String id, String receiptId, String receiptPrice, String counted) {
        String receipt = receiptId.isEmpty() ? "" : "{\"receipt_id\":\"" + receiptId + "\"}";
        return move(Script.REPORT, List.of(keys.job(id), keys.state(JobState.OUTBOX), keys.state(JobState.DONE),
                keys.receipts(), keys.receipt(receiptId.isEmpty() ? id : receiptId), keys.totals(), keys.bucket(0)), id,
                "reported", "4", receipt, receiptId, "true", counted, receiptPrice, "60000");
    }

    private Map<String, Long> longs(String hash) {
        Map<String, Long> values = new HashMap<>();
        redis.hash(String.class).hgetall(hash).forEach((field, value) -> values.put(field, Long.parseLong(value)));
        return values;
    }

    private ScriptAnswer cancel(String id) {
        return move(Script.CANCEL, List.of(keys.job(id), keys.state(JobState.READY), keys.state(JobState.DELAYED),
                keys.state(JobState.RUNNING), keys.state(JobState.DONE), keys.totals(), keys.bucket(0)), id, "5",
                Custody.CANCELLED, "60000");
    }

    private ScriptAnswer promote(long now, String... ids) {
        List<String> scriptKeys = new ArrayList<>(List.of(keys.state(JobState.DELAYED), keys.state(JobState.READY)));
        scriptKeys.addAll(keys.jobs(List.of(ids)));
        List<String> args = new ArrayList<>(List.of(Long.toString(now)));
        args.addAll(List.of(ids));
        return move(Script.PROMOTE, scriptKeys, args.toArray(String[]::new));
    }

    private Response due(long now) {
        return scripts.run(Script.DUE, List.of(keys.state(JobState.DELAYED), keys.state(JobState.OUTBOX)),
                Long.toString(now), "10", Long.toString(now + 30_000), "(" + now);
    }

    private String trim(String cutOff, String cap, List<String> jobs, List<String> receipts) {
        List<String> scriptKeys = new ArrayList<>(List.of(keys.state(JobState.DONE), keys.receipts()));
        scriptKeys.addAll(keys.jobs(jobs));
        scriptKeys.addAll(keys.receipts(receipts));
        List<String> args = new ArrayList<>(List.of(cutOff, cap, Integer.toString(jobs.size())));
        args.addAll(jobs);
        args.addAll(receipts);
        return move(Script.TRIM, scriptKeys, args.toArray(String[]::new)).values().get(0);
    }

    private List<String> entry(String id) {
        return List.of(keys.job(id), keys.state(JobState.OUTBOX));
    }

    private List<String> statusKeys() {
        List<String> statusKeys = new ArrayList<>(List.of(keys.state(JobState.DELAYED), keys.state(JobState.OUTBOX)));
        Arrays.stream(JobState.values()).map(keys::state).forEach(statusKeys::add);
        return statusKeys;
    }

    private static String[] structures() {
        return Arrays.stream(JobState.values()).map(s -> QueueKeys.sorted(s) ? "zset" : "list").toArray(String[]::new);
    }

    private List<Long> counts() {
        Response status = scripts.run(Script.STATUS, statusKeys(), structures());
        return Arrays.stream(JobState.values()).map(s -> status.get(3 + s.ordinal()).toLong()).toList();
    }

    private String field(String id, JobField field) {
        return redis.hash(String.class).hget(keys.job(id), field.key());
    }

    private ScriptAnswer move(Script script, List<String> scriptKeys, String... args) {
        return ScriptAnswer.of(scripts.run(script, scriptKeys, args));
    }

    private static ScriptAnswer answer(Verdict verdict, JobState state, int heldChange) {
        return new ScriptAnswer(verdict, Optional.of(state), heldChange, List.of());
    }
}
