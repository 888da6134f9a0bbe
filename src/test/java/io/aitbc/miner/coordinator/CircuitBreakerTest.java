package io.aitbc.miner.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final AtomicLong now = new AtomicLong();
    private final CircuitBreaker breaker = new CircuitBreaker(now::get);

    @Test
    void opensOnlyOnceTheWindowIsFullAndThreeQuartersFailed() {
        record(14, true);
        record(5, false);
        assertThat(breaker.isOpen()).isFalse();
        record(1, true);
        assertThat(breaker.isOpen()).as("15 of 20 failed").isTrue();
        assertThat(breaker.tryPass()).as("nothing is sent while open").isFalse();
    }

    @Test
    void staysClosedWhileTheLastTwentyHoldFewerFailures() {
        record(14, true);
        record(6, false);
        record(20, false);
        record(14, true);
        assertThat(breaker.isOpen()).as("14 of the last 20").isFalse();
    }

    @Test
    void afterFiveSecondsOneTrialAtATimeDecides() {
        record(20, true);
        now.addAndGet(CircuitBreaker.OPEN_NANOS - 1);
        assertThat(breaker.tryPass()).isFalse();
        now.addAndGet(1);
        assertThat(breaker.tryPass()).as("the trial").isTrue();
        assertThat(breaker.tryPass()).as("a second call while the trial is out").isFalse();
        breaker.record(true);
        assertThat(breaker.tryPass()).as("a failed trial opens it again").isFalse();
        now.addAndGet(CircuitBreaker.OPEN_NANOS);
        assertThat(breaker.tryPass()).isTrue();
        breaker.record(false);
        assertThat(breaker.isOpen()).isFalse();
        record(19, true);
        assertThat(breaker.isOpen()).as("a closed circuit starts a fresh window").isFalse();
    }

    private void record(int calls, boolean failed) {
        for (int i = 0; i < calls; i++) {
            assertThat(breaker.tryPass()).isTrue();
            breaker.record(failed);
        }
    }
}
