package io.aitbc.miner.sim;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the simulator's protocol tests share: one simulator per test class (rate limits off unless a test sets them),
 * an empty database before each test, and a client for miner {@code m1}.
 */
abstract class SimulatorTestSupport {

    static CoordinatorSimulator sim;
    SimClient miner;

    @BeforeAll
    static void startSimulator() {
        sim = CoordinatorSimulator.start(SimulatorOptions.builder().rateLimits(false).build());
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @BeforeEach
    void emptyDatabase() {
        sim.resetDatabase();
        miner = SimClient.miner(sim, "m1");
    }
}
