package io.aitbc.miner.chaos;

import java.time.Duration;
import java.util.Random;

import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.Endpoint;
import io.aitbc.miner.sim.Fault;
import io.aitbc.miner.testing.RedisServer;

/**
 * One round of trouble while the agent runs: coordinator faults on poll, {@code /result} and {@code /fail} (5xx,
 * answers past the client's timeout, 429 bursts, answers lost after the call took effect), and every third round a
 * Redis killed with SIGKILL and restarted on its AOF.
 */
final class ChaosMonkey {

    /** Longer than the agent's coordinator timeout, so the call is applied but its answer never awaited. */
    static final Duration LATE = Duration.ofSeconds(12);

    private final CoordinatorSimulator sim;
    private final RedisServer redis;
    private final Random random;

    ChaosMonkey(CoordinatorSimulator sim, RedisServer redis, Random random) {
        this.sim = sim;
        this.redis = redis;
        this.random = random;
    }

    void strike(int round) {
        switch (random.nextInt(6)) {
            case 0 -> sim.faults().inject(Endpoint.POLL, Fault.status(500, internalError(), 1 + random.nextInt(3)));
            case 1 -> sim.faults().inject(Endpoint.POLL, Fault.dropAfterApply(1 + random.nextInt(2)));
            case 2 -> sim.faults().inject(Endpoint.RESULT, Fault.dropAfterApply(1 + random.nextInt(3)));
            case 3 -> sim.faults().inject(Endpoint.RESULT, Fault.status(503, "", 1 + random.nextInt(3)));
            case 4 -> sim.faults().inject(Endpoint.RESULT, Fault.rateLimitBurst(1, 2 + random.nextInt(3)));
            default -> sim.faults().inject(Endpoint.FAIL, Fault.dropAfterApply(1));
        }
        if (round % 4 == 2) {
            sim.faults().inject(random.nextBoolean() ? Endpoint.RESULT : Endpoint.POLL, Fault.delay(LATE, 1));
        }
        if (round % 3 == 0) {
            redis.restart();
        }
    }

    private static String internalError() {
        return "{\"error\":{\"type\":\"internal_error\",\"message\":\"An internal server error occurred\","
                + "\"status_code\":500,\"path\":\"/v1/miners/poll\"}}";
    }
}
