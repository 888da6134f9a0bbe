package io.aitbc.miner.runner.media;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Whisper settings for tests. */
record TestWhisperConfig(Optional<URI> url, WhisperApi api, Duration connectTimeout, Duration firstByteTimeout,
        Duration idleTimeout) implements WhisperConfig {

    static TestWhisperConfig of(String url, WhisperApi api) {
        return new TestWhisperConfig(Optional.of(URI.create(url)), api, Duration.ofSeconds(2), Duration.ofSeconds(10),
                Duration.ofSeconds(5));
    }

    TestWhisperConfig firstByte(Duration timeout) {
        return new TestWhisperConfig(url, api, connectTimeout, timeout, idleTimeout);
    }
}
