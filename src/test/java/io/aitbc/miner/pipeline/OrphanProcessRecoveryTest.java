package io.aitbc.miner.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.aitbc.miner.process.ProcessGroups;
import io.aitbc.miner.queue.CrashRecovery;
import io.aitbc.miner.testing.TestInfra;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A {@code cli}/{@code python} process left running by a killed agent is killed by crash recovery before its job is
 * run again (its process group is journaled in the job hash, D9), and a reused group id is never hit.
 */
@QuarkusTest
@WithTestResource(value = TestInfra.class, scope = TestResourceScope.GLOBAL)
class OrphanProcessRecoveryTest {

    private static final String PREFIX = "miner:{" + TestInfra.MINER_ID + "}:";

    @Inject
    CrashRecovery recovery;

    @Inject
    RedisDataSource redis;

    private Process orphan;
    private Process stranger;

    @Test
    void theOrphanedGroupIsKilledBeforeTheJobIsQueuedAgain() throws Exception {
        String jobId = "orphan" + UUID.randomUUID().toString().replace("-", "");
        orphan = groupLeader(Map.of("AITBC_JOB_ID", jobId));
        leftRunning(jobId, orphan.pid());

        recovery.recoverOrphans();

        await().atMost(Duration.ofSeconds(3)).until(() -> !ProcessGroups.running(orphan.pid()));
        assertThat(redis.hash(String.class).hget(PREFIX + "job:" + jobId, "owner")).as("requeued, then run by us")
                .isNotEqualTo("1@stopped-agent");
    }

    @Test
    void aGroupIdNowUsedByAnotherProcessIsLeftAlone() throws Exception {
        String jobId = "reused" + UUID.randomUUID().toString().replace("-", "");
        stranger = groupLeader(Map.of("AITBC_JOB_ID", "someone-else"));
        leftRunning(jobId, stranger.pid());

        recovery.recoverOrphans();

        assertThat(ProcessGroups.running(stranger.pid())).isTrue();
    }

    @AfterEach
    void killLeftovers() {
        for (Process p : new Process[] { orphan, stranger }) {
            if (p != null) {
                p.destroyForcibly();
            }
        }
    }

    private void leftRunning(String jobId, long pgid) {
        long deadline = System.currentTimeMillis() + Duration.ofMinutes(10).toMillis();
        redis.hash(String.class).hset(PREFIX + "job:" + jobId, Map.of("state", "running", "owner",
                "1@stopped-agent", "deadline", Long.toString(deadline), "attempts", "1", "constraints", "{}",
                "payload", "{\"type\":\"cli\",\"command\":\"echo\",\"args\":[\"again\"]}", "pgid", Long.toString(pgid)));
        redis.sortedSet(String.class).zadd(PREFIX + "running", deadline, jobId);
    }

    private static Process groupLeader(Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/setsid", "/usr/bin/sleep", "60");
        builder.environment().putAll(env);
        Process process = builder.start();
        await().atMost(Duration.ofSeconds(2)).until(() -> ProcessGroups.members(process.pid()).contains(process.pid())
                && ProcessGroups.environmentHas(process.pid(), "AITBC_JOB_ID=" + env.get("AITBC_JOB_ID")));
        return process;
    }
}
