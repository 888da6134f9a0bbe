package io.aitbc.miner.sim;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the coordinator simulator on its own (bin/simulator). Options (each also from the environment):
 * {@code --api-port N} ({@code SIM_API_PORT}, default 0: free), {@code --control-port N} ({@code SIM_CONTROL_PORT},
 * default 0), {@code --api-keys a,b} ({@code SIM_API_KEYS}, default {@value SimulatorOptions#DEFAULT_API_KEY}),
 * {@code --no-signing} ({@code SIM_SIGNING=false}), {@code --no-rate-limits} ({@code SIM_RATE_LIMITS=false}). Prints
 * {@code API_BASE=}, {@code CONTROL_URL=} and {@code PUBLIC_KEY=} lines, then runs until killed.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        var list = Arrays.asList(args);
        SimulatorOptions options = SimulatorOptions.builder()
                .apiPort(Integer.parseInt(value(list, "--api-port", "SIM_API_PORT", "0")))
                .controlPort(Integer.parseInt(value(list, "--control-port", "SIM_CONTROL_PORT", "0")))
                .apiKeys(value(list, "--api-keys", "SIM_API_KEYS", SimulatorOptions.DEFAULT_API_KEY).split(","))
                .signing(!list.contains("--no-signing") && !"false".equals(System.getenv("SIM_SIGNING")))
                .rateLimits(!list.contains("--no-rate-limits") && !"false".equals(System.getenv("SIM_RATE_LIMITS")))
                .build();
        CoordinatorSimulator sim = CoordinatorSimulator.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
        System.out.println("API_BASE=" + sim.apiBase());
        System.out.println("CONTROL_URL=" + sim.controlBase());
        System.out.println("PUBLIC_KEY=" + (sim.publicKeyBase64Url() == null ? "" : sim.publicKeyBase64Url()));
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static String value(java.util.List<String> args, String flag, String env, String fallback) {
        int i = args.indexOf(flag);
        if (i >= 0 && i + 1 < args.size()) {
            return args.get(i + 1);
        }
        String fromEnv = System.getenv(env);
        return fromEnv == null || fromEnv.isBlank() ? fallback : fromEnv;
    }
}
