package io.aitbc.miner.testing;

/**
 * A URL on the agent's management port under test. {@code @TestHTTPResource(management = true)} ignores a
 * {@code -Dquarkus.management.test-port} given on the command line (it injects 9001 while the agent listens on the
 * port given), so tests that must run beside other agents on a shared machine read the port themselves.
 */
public final class ManagementUrl {

    private ManagementUrl() {
    }

    /** {@code http://localhost:<test port>/q<path>}. */
    public static String of(String path) {
        return "http://localhost:" + Integer.getInteger("quarkus.management.test-port", 9001) + "/q" + path;
    }
}
