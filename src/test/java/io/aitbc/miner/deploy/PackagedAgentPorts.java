package io.aitbc.miner.deploy;

import java.util.Map;

import io.aitbc.miner.testing.RedisServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Free ports for the packaged agent under {@link PackagedAgentIT}, so it never collides with the fixed test ports
 * (8081, 9001) of other test runs on the same machine. They override the launcher's {@code quarkus.http.port} (it
 * reads the real one back from the log) and set the management port, which the launcher neither passes nor reads.
 * Port 0 is not used: with it the HTTP server's metrics clash and start-up never completes.
 */
public class PackagedAgentPorts implements QuarkusTestResourceLifecycleManager {

    private static int management;

    @Override
    public Map<String, String> start() {
        management = RedisServer.freePort();
        return Map.of("quarkus.http.port", Integer.toString(RedisServer.freePort()), "quarkus.management.port",
                Integer.toString(management));
    }

    @Override
    public void stop() {
        // Nothing to release: the ports belong to the agent process.
    }

    /** {@code http://localhost:<management port>/q}. */
    static String managementRoot() {
        return "http://localhost:" + management + "/q";
    }
}
