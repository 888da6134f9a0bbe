package io.aitbc.miner.queue;

import java.time.Duration;
import java.util.function.Supplier;

import io.quarkus.logging.Log;

/**
 * Repeats a queue step while Redis is away, holding what the caller has in memory: 0.2 s, doubling up to 5 s. Every
 * step is an idempotent script (D11), so repeating one whose answer was lost is harmless.
 */
public final class Durably {

    private static final Duration FIRST_WAIT = Duration.ofMillis(200);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(5);

    private Durably() {
    }

    /** Runs {@code step} until Redis takes it; {@code what} names it in the log. */
    public static void run(String what, Runnable step) throws InterruptedException {
        call(what, () -> {
            step.run();
            return null;
        });
    }

    /** Runs {@code step} until Redis takes it and answers what the step answered; {@code what} names it in the log. */
    public static <T> T call(String what, Supplier<T> step) throws InterruptedException {
        Duration wait = FIRST_WAIT;
        boolean logged = false;
        while (true) {
            try {
                T answer = step.get();
                if (logged) {
                    Log.infof("Redis answered again: %s done", what);
                }
                return answer;
            } catch (QueueUnavailableException e) {
                if (!logged) {
                    Log.warnf("Holding %s in memory until Redis answers: %s", what, e.getMessage());
                    logged = true;
                }
            }
            Thread.sleep(wait);
            wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
        }
    }
}
