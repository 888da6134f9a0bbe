package io.aitbc.miner.fetch;

import java.math.BigInteger;
import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;

/** Fetch settings for tests, with short timeouts. */
record TestFetchConfig(boolean allowPrivate, MemorySize maxBytes, Duration connectTimeout, Duration idleTimeout,
        Duration totalTimeout) implements FetchConfig {

    static TestFetchConfig defaults() {
        return new TestFetchConfig(false, new MemorySize(BigInteger.valueOf(1L << 20)),
                Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(10));
    }

    TestFetchConfig maxBytes(long bytes) {
        return new TestFetchConfig(allowPrivate, new MemorySize(BigInteger.valueOf(bytes)), connectTimeout,
                idleTimeout, totalTimeout);
    }
}
