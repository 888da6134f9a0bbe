package io.aitbc.miner.runner.process;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.runner.sandbox.Execution;

/**
 * Why a sandboxed process failed (D16): stalled without CPU time or past its time ({@code E_TIMEOUT}, D44), killed by the
 * cgroup OOM killer
 * ({@code E_OOM}), or, under the {@code RLIMIT_AS} fallback, death by SIGKILL/SIGSEGV/SIGABRT or an allocation error
 * on stderr ({@code E_OOM}, suspected); any other non-zero exit is {@code E_EXIT} with the code and the stderr tail.
 */
public final class ExitAttribution {

    static final int TAIL_CHARS = 1000;
    private static final Pattern ALLOCATION = Pattern.compile("MemoryError|bad_alloc|Cannot allocate memory");
    private static final int SIGABRT = 134;
    private static final int SIGKILL = 137;
    private static final int SIGSEGV = 139;

    private ExitAttribution() {
    }

    /** The failure, or empty when the process succeeded. */
    public static Optional<Refusal> of(Execution run, Duration timeout) {
        String tail = tail(run.stderr().text());
        if (run.stalledAfter().isPresent()) {
            return failure(ErrorCode.E_TIMEOUT, "stalled after " + run.stalledAfter().get().toMillis()
                    + " ms without CPU time (MINER_JOB_STALL_TIMEOUT) and was killed");
        }
        if (run.timedOut()) {
            return failure(ErrorCode.E_TIMEOUT, "ran past its " + timeout.toSeconds() + "s limit and was killed");
        }
        if (run.oomKilled()) {
            return failure(ErrorCode.E_OOM, "killed by the out-of-memory killer at its memory limit" + tail);
        }
        if (run.exitCode() == 0) {
            return Optional.empty();
        }
        boolean signalled = run.exitCode() == SIGKILL || run.exitCode() == SIGSEGV || run.exitCode() == SIGABRT;
        if (run.memoryByRlimit() && (signalled || ALLOCATION.matcher(run.stderr().text()).find())) {
            return failure(ErrorCode.E_OOM, "(suspected) " + exit(run.exitCode()) + " under its address-space limit"
                    + tail);
        }
        return failure(ErrorCode.E_EXIT, exit(run.exitCode()) + tail);
    }

    private static String exit(int code) {
        return code > 128 ? "killed by signal " + (code - 128) + " (exit code " + code + ")" : "exit code " + code;
    }

    private static String tail(String stderr) {
        String text = stderr.strip();
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() <= TAIL_CHARS ? text : "…" + text.substring(text.length() - TAIL_CHARS));
    }

    private static Optional<Refusal> failure(ErrorCode code, String message) {
        return Optional.of(new Refusal(code, message));
    }
}
