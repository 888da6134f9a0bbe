package io.aitbc.miner.sim;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How a {@link CoordinatorSimulator} starts. Port 0 picks a free port.
 *
 * @param apiKeys the accepted {@code X-Api-Key} values (the coordinator's {@code MINER_API_KEYS})
 * @param signing whether receipts are signed (a fresh Ed25519 key pair); without it {@code /result} answers
 *        {@code "receipt": null}
 * @param rateLimits whether the per-IP, per-endpoint limits apply
 * @param limits limits overriding {@link Endpoint#defaultLimit()}
 * @param rateWindow the sliding window of the limits (the coordinator's is 60 s)
 * @param defaultTtl the TTL of jobs submitted without one (the coordinator's is 900 s)
 * @param apiPort the miner API's port
 * @param controlPort the control API's port
 * @param host the address both servers bind
 */
public record SimulatorOptions(List<String> apiKeys, boolean signing, boolean rateLimits,
        Map<Endpoint, Integer> limits, Duration rateWindow, Duration defaultTtl, int apiPort, int controlPort,
        String host) {

    /** The API key accepted by default. */
    public static final String DEFAULT_API_KEY = "sim-miner-key";

    public SimulatorOptions {
        apiKeys = List.copyOf(apiKeys);
        limits = Map.copyOf(limits);
    }

    /** Defaults: one key {@value #DEFAULT_API_KEY}, signing and rate limits on, free ports on 127.0.0.1. */
    public static SimulatorOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The limit in force for an endpoint (0: unlimited). */
    public int limit(Endpoint endpoint) {
        return limits.getOrDefault(endpoint, endpoint.defaultLimit());
    }

    /** Builds {@link SimulatorOptions}. */
    public static final class Builder {
        private List<String> apiKeys = List.of(DEFAULT_API_KEY);
        private boolean signing = true;
        private boolean rateLimits = true;
        private final Map<Endpoint, Integer> limits = new EnumMap<>(Endpoint.class);
        private Duration rateWindow = Duration.ofSeconds(60);
        private Duration defaultTtl = Duration.ofSeconds(900);
        private int apiPort;
        private int controlPort;
        private String host = "127.0.0.1";

        public Builder apiKeys(String... keys) {
            this.apiKeys = List.of(keys);
            return this;
        }

        public Builder signing(boolean on) {
            this.signing = on;
            return this;
        }

        public Builder rateLimits(boolean on) {
            this.rateLimits = on;
            return this;
        }

        public Builder limit(Endpoint endpoint, int perWindow) {
            limits.put(endpoint, perWindow);
            return this;
        }

        public Builder rateWindow(Duration window) {
            this.rateWindow = window;
            return this;
        }

        public Builder defaultTtl(Duration ttl) {
            this.defaultTtl = ttl;
            return this;
        }

        public Builder apiPort(int port) {
            this.apiPort = port;
            return this;
        }

        public Builder controlPort(int port) {
            this.controlPort = port;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public SimulatorOptions build() {
            return new SimulatorOptions(apiKeys, signing, rateLimits, limits, rateWindow, defaultTtl, apiPort,
                    controlPort, host);
        }
    }
}
