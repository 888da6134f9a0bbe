package io.aitbc.miner.runner.process;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.queue.OrphanReaper;
import io.aitbc.miner.runner.sandbox.Sandbox;
import io.quarkus.logging.Log;

/**
 * Kills the processes a stopped agent left for a job, found by the process group journaled in Redis. Only processes
 * whose environment names the job ({@code AITBC_JOB_ID}) are touched, so a reused group id is never hit.
 */
@ApplicationScoped
public class ProcessGroupReaper implements OrphanReaper {

    private final Sandbox sandbox;

    public ProcessGroupReaper(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public void reap(String jobId, long pgid) {
        int killed = sandbox.killOrphanGroup(pgid, jobId);
        if (killed > 0) {
            Log.infof("Killed %d process(es) job %s left running in group %d", killed, jobId, pgid);
        }
    }
}
