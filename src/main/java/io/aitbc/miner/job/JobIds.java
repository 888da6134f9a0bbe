package io.aitbc.miner.job;

import java.util.regex.Pattern;

/**
 * The job ids the agent accepts (decisions D5). An id outside this shape fails with {@link ErrorCode#E_BADJOB} and is
 * never used in a file path or a Redis key.
 */
public final class JobIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private JobIds() {
    }

    /** Whether {@code id} may name a Redis key and a workspace folder. */
    public static boolean valid(String id) {
        return id != null && VALID.matcher(id).matches();
    }
}
