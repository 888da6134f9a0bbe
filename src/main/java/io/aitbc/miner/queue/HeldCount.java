package io.aitbc.miner.queue;

/**
 * How many jobs this miner holds (ready, delayed, running, outbox), kept in memory from the change every transition
 * script answers, so the poll loop never asks Redis (D13). It can drift only when an answer is lost (Redis failed
 * after applying a script) or Redis lost writes in a restart; then it is {@link #drifted()} until it is set again from
 * a read of Redis that no transition overlapped.
 * <p>
 * The transitions started and settled so far also tell whether anything changed since a read
 * ({@link #unchangedSince(long)}), which lets the queue reuse the lengths it read last.
 */
final class HeldCount {

    private int held;
    private long started;
    private long settled;
    private boolean drifted = true;

    synchronized int get() {
        return held;
    }

    synchronized void starting() {
        started++;
    }

    /** A transition answered, changing the held jobs by {@code change}. */
    synchronized void settled(int change) {
        settled++;
        held += change;
    }

    /** A transition failed without an answer, or Redis may have lost writes: the count needs a read. */
    synchronized void lost() {
        settled++;
        drifted = true;
    }

    synchronized boolean drifted() {
        return drifted;
    }

    /** A mark to take before a read: none ({@code -1}) while a transition is under way. */
    synchronized long mark() {
        return started == settled ? started : -1;
    }

    /** Whether no transition started or settled since {@code mark} was taken, and nothing drifted. */
    synchronized boolean unchangedSince(long mark) {
        return mark >= 0 && started == mark && settled == mark && !drifted;
    }

    /** Sets the count from a read of Redis taken at {@code mark}, unless a transition overlapped it. */
    synchronized void resync(long mark, int inflight) {
        if (mark >= 0 && started == mark && settled == mark) {
            held = inflight;
            drifted = false;
        }
    }

    /** Redis may have lost writes (it restarted): the count needs a read. */
    synchronized void distrust() {
        drifted = true;
    }
}
