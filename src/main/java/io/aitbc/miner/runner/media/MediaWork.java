package io.aitbc.miner.runner.media;

import java.io.IOException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.fetch.FetchException;
import io.aitbc.miner.fetch.FetchedMedia;
import io.aitbc.miner.fetch.MediaFetcher;
import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobIds;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.RawOutcome;
import io.aitbc.miner.workspace.Workspace;
import io.aitbc.miner.workspace.Workspaces;
import io.quarkus.logging.Log;

/**
 * What both media runners do around their work: a fresh workspace for the job (a valid job id, enough free disk), the
 * media fetched into it as {@value Ffmpeg#INPUT} (D39), and the workspace removed once the outcome is built (kept for a
 * failed job when {@code MINER_WORKSPACE_KEEP_FAILED} is set). The fetch is never part of the billed time.
 */
@ApplicationScoped
class MediaWork {

    /** The work on the fetched media. */
    interface Step {
        RawOutcome run(Workspace workspace, FetchedMedia media) throws InterruptedException;
    }

    private final Workspaces workspaces;
    private final MediaFetcher fetcher;

    MediaWork(Workspaces workspaces, MediaFetcher fetcher) {
        this.workspaces = workspaces;
        this.fetcher = fetcher;
    }

    /** Fetches {@code url} into a new workspace for {@code job} and runs {@code step} on it. */
    RawOutcome run(Job job, String url, Step step) throws InterruptedException {
        if (!JobIds.valid(job.id())) {
            return RawOutcome.unmeasured(JobOutcome.failure(ErrorCode.E_BADJOB, "job id is not [A-Za-z0-9_-]{1,64}"));
        }
        Optional<String> disk = workspaces.diskProblem();
        if (disk.isPresent()) {
            return RawOutcome.unmeasured(JobOutcome.failure(ErrorCode.E_RUNNER, disk.get()));
        }
        Workspace workspace;
        try {
            workspace = workspaces.create(job.id());
        } catch (IOException e) {
            return RawOutcome.unmeasured(
                    JobOutcome.failure(ErrorCode.E_RUNNER, "cannot create the workspace: " + e.getMessage()));
        }
        RawOutcome outcome = null;
        try {
            outcome = fetchAndRun(workspace, url, step);
            return outcome;
        } finally {
            workspaces.release(workspace, outcome == null || outcome.outcome().errorCode() != null);
        }
    }

    private RawOutcome fetchAndRun(Workspace workspace, String url, Step step) throws InterruptedException {
        FetchedMedia media;
        try {
            media = fetcher.fetch(url, workspace.dir().resolve(Ffmpeg.INPUT));
        } catch (FetchException e) {
            return RawOutcome.unmeasured(e.outcome());
        }
        Log.debugf("media fetched: %d bytes in %d ms", media.bytes(), media.elapsedNanos() / 1_000_000);
        return step.run(workspace, media);
    }
}
