package io.aitbc.miner.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Instant FAR = NOW.plusSeconds(3600);

    @Test
    void ceilingDoublesFromTheBaseUpToTheMaximum() {
        Backoff backoff = new Backoff(config(6, "2s", "20s"), () -> 0.5);
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.ceiling(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.ceiling(4)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.ceiling(500)).as("no overflow").isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void fullJitterStaysWithinZeroAndTheCeiling() {
        assertThat(new Backoff(config(4, "2s", "60s"), () -> 0.0).nextAttempt(3, NOW, FAR)).contains(NOW);
        Instant high = new Backoff(config(4, "2s", "60s"), () -> 0.999_999).nextAttempt(3, NOW, FAR).orElseThrow();
        assertThat(high).isAfter(NOW.plusMillis(7_990)).isBefore(NOW.plusSeconds(8));
        assertThat(new Backoff(config(4, "2s", "60s"), () -> 0.25).nextAttempt(2, NOW, FAR))
                .contains(NOW.plusSeconds(1));
    }

    @Test
    void noRetryOnceTheAttemptsAreSpent() {
        Backoff backoff = new Backoff(config(3, "1s", "5s"), () -> 0.5);
        assertThat(backoff.nextAttempt(2, NOW, FAR)).isPresent();
        assertThat(backoff.nextAttempt(3, NOW, FAR)).isEmpty();
        assertThat(new Backoff(config(1, "1s", "5s"), () -> 0.5).nextAttempt(1, NOW, FAR)).isEmpty();
    }

    @Test
    void noRetryThatWouldStartAfterTheDeadline() {
        Backoff backoff = new Backoff(config(5, "10s", "60s"), () -> 0.5);
        assertThat(backoff.nextAttempt(1, NOW, NOW.plusSeconds(5))).isEmpty();
        assertThat(backoff.nextAttempt(1, NOW, NOW.plusSeconds(6))).contains(NOW.plusSeconds(5));
    }

    @Test
    void badSettingsNameTheProperty() {
        assertThat(config(0, "1s", "5s").problems().list()).containsExactly("miner.retry.max-attempts: must be at least 1");
        assertThat(config(3, "0s", "5s").problems().list()).containsExactly("miner.retry.base-delay: must be positive");
        assertThat(config(3, "10s", "5s").problems().list())
                .containsExactly("miner.retry.max-delay: must not be below MINER_RETRY_BASE_DELAY");
        assertThat(config(3, "1s", "5s").problems().list()).isEmpty();
    }

    static RetryConfig config(int attempts, String base, String max) {
        return new RetryConfig() {
            @Override
            public int maxAttempts() {
                return attempts;
            }

            @Override
            public Duration baseDelay() {
                return Duration.parse("PT" + base.toUpperCase());
            }

            @Override
            public Duration maxDelay() {
                return Duration.parse("PT" + max.toUpperCase());
            }
        };
    }
}
