package io.aitbc.miner.process;

/**
 * How a program run by {@link Exec} ended.
 *
 * @param exitCode its exit status; 128 + the signal number when a signal ended it
 * @param timedOut whether it ran past its limit and was stopped
 * @param stdout the head of its standard output
 * @param stderr the tail of its standard error
 * @param elapsedNanos from its start to its exit, on a monotonic clock
 */
public record Exited(int exitCode, boolean timedOut, Captured stdout, Captured stderr, long elapsedNanos) {
}
