package io.aitbc.miner.job;

/**
 * The job ids the agent accepts (decisions D5): {@code [A-Za-z0-9_-]{1,64}}, checked without a regular expression on
 * the hot path (issue 19). An id outside this shape fails with {@link ErrorCode#E_BADJOB} and is never used in a file
 * path or a Redis key.
 */
public final class JobIds {

    private static final int MAX_LENGTH = 64;

    private JobIds() {
    }

    /** Whether {@code id} may name a Redis key and a workspace folder. */
    public static boolean valid(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
