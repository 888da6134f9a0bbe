package io.aitbc.miner.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(-5_000_000_000L);

    @Test
    void windowAllowsTheCoordinatorsLimitThenWaitsForTheOldestToLeave() {
        RateLimiter limiter = new RateLimiter(true, now::get);
        for (int i = 0; i < Endpoint.RESULT.limitPerMinute(); i++) {
            assertThat(limiter.tryAcquire(Endpoint.RESULT)).isZero();
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        }
        long wait = limiter.tryAcquire(Endpoint.RESULT);
        assertThat(wait).isEqualTo(RateLimiter.WINDOW_NANOS - TimeUnit.MILLISECONDS.toNanos(5_000));
        assertThat(limiter.tryAcquire(Endpoint.POLL)).as("other endpoints have their own window").isZero();

        now.addAndGet(wait);
        assertThat(limiter.tryAcquire(Endpoint.RESULT)).isZero();
    }

    @Test
    void retryAfterHoldsEveryRequestToThatEndpointEvenWithWindowsOff() {
        RateLimiter limiter = new RateLimiter(false, now::get);
        limiter.blockFor(Endpoint.POLL, Duration.ofSeconds(60));

        assertThat(limiter.tryAcquire(Endpoint.POLL)).isEqualTo(TimeUnit.SECONDS.toNanos(60));
        assertThat(limiter.heldFor(Endpoint.POLL)).isEqualTo(Duration.ofSeconds(60));
        assertThat(limiter.tryAcquire(Endpoint.HEARTBEAT)).isZero();

        now.addAndGet(TimeUnit.SECONDS.toNanos(60) - 1);
        assertThat(limiter.tryAcquire(Endpoint.POLL)).isEqualTo(1);
        now.addAndGet(1);
        assertThat(limiter.tryAcquire(Endpoint.POLL)).isZero();
        assertThat(limiter.heldFor(Endpoint.POLL)).isZero();
    }

    @Test
    void windowsOffNeverWaitWithoutRetryAfter() {
        RateLimiter limiter = new RateLimiter(false, now::get);
        for (int i = 0; i < 1_000; i++) {
            assertThat(limiter.tryAcquire(Endpoint.POLL)).isZero();
        }
    }

    @Test
    void aShorterRetryAfterNeverShortensALongerHold() {
        RateLimiter limiter = new RateLimiter(true, now::get);
        limiter.blockFor(Endpoint.RESULT, Duration.ofSeconds(60));
        limiter.blockFor(Endpoint.RESULT, Duration.ofSeconds(1));
        assertThat(limiter.heldFor(Endpoint.RESULT)).isEqualTo(Duration.ofSeconds(60));
    }
}
