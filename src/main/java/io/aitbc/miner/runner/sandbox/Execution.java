package io.aitbc.miner.runner.sandbox;

import java.time.Duration;
import java.util.Optional;

import io.aitbc.miner.process.Captured;

/**
 * How a sandboxed process ended.
 *
 * @param exitCode its exit status; 128 + the signal number when a signal ended it
 * @param timedOut whether it ran past its limit and was killed
 * @param oomKilled whether its cgroup counted an OOM kill (D16)
 * @param memoryByRlimit whether its memory limit was {@code RLIMIT_AS} (so an OOM can only be suspected)
 * @param stdout the head of its standard output
 * @param stderr the tail of its standard error
 * @param elapsedNanos its wall time on a monotonic clock
 * @param stalledAfter when it was killed for using no CPU time (D44), for how long it had not
 */
public record Execution(int exitCode, boolean timedOut, boolean oomKilled, boolean memoryByRlimit, Captured stdout,
        Captured stderr, long elapsedNanos, Optional<Duration> stalledAfter) {
}
