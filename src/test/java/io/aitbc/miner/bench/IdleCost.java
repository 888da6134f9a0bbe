package io.aitbc.miner.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.awaitility.Awaitility;

/**
 * What an agent costs while it has nothing to do (issue 12, item 10): registered with the simulator, polling and
 * heartbeating, no job submitted. Two figures over a window after a settling pause: Redis commands per second, from
 * {@code INFO commandstats} deltas (so the commands inside Lua scripts count, D36), and the agent process's CPU as a
 * percentage of one core, from {@code utime + stime} in {@code /proc/<pid>/stat}.
 * <p>
 * {@code bench/idle [seconds]} runs it alone; {@code bench/run} records it with the other figures, after the agent ran
 * its batches.
 */
final class IdleCost {

    /** Clock ticks per second of {@code /proc/<pid>/stat} ({@code USER_HZ}, 100 on every Linux this runs on). */
    private static final double TICKS_PER_SECOND = 100;
    /**
     * The pause after registration ({@code -Dbench.idleSettleSeconds}, default 15): start-up recovery, the first
     * reconciliation round and JIT warm-up settle.
     */
    static final Duration SETTLE = Duration.ofSeconds(Long.getLong("bench.idleSettleSeconds", 15));
    /**
     * Jobs {@code bench/idle} runs before it measures ({@code -Dbench.idleWarmJobs}, default 500), so the figures are
     * for an agent that has worked, as {@code bench/run} measures it: idle between jobs, not just started.
     */
    static final int WARM_JOBS = Integer.getInteger("bench.idleWarmJobs", 500);

    /**
     * The two idle figures.
     *
     * @param redisCommandsPerSecond commands Redis ran per second, inside scripts included
     * @param cpuPercentOfOneCore agent CPU time over wall time, in percent of one core
     */
    record Figures(double redisCommandsPerSecond, double cpuPercentOfOneCore) {
    }

    private IdleCost() {
    }

    /**
     * Prints the idle figures of one 4-slot agent that ran {@link #WARM_JOBS} jobs, measured over {@code args[0]}
     * seconds (default 60), with its busiest threads and the commands Redis ran, to show where the cost goes.
     */
    public static void main(String[] args) throws IOException {
        Duration window = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 60);
        try (BenchRun run = new BenchRun(4, Files.createTempDirectory("aitbc-idle-"))) {
            run.readyMillis();
            if (WARM_JOBS > 0) {
                run.runBatch(WARM_JOBS);
            }
            Map<String, Long> threadsBefore = threadTicks(run.pid());
            Map<String, Long> commandsBefore = commandsByName(run.redisPort());
            Figures idle = measure(run, window);
            System.out.printf("idle over %d s: %.2f Redis commands/s, agent CPU %.3f %% of one core%n",
                    window.toSeconds(), idle.redisCommandsPerSecond(), idle.cpuPercentOfOneCore());
            System.out.println("busiest threads (CPU ticks of 10 ms, settling pause included): "
                    + top(delta(threadsBefore, threadTicks(run.pid())), 10));
            System.out.println("Redis commands (settling pause included): "
                    + top(delta(commandsBefore, commandsByName(run.redisPort())), 20));
        }
    }

    /** Measures a registered agent that gets no job, over {@code window} after {@link #SETTLE}. */
    static Figures measure(BenchRun run, Duration window) {
        pause(SETTLE);
        long commandsBefore = commandCalls(run.redisPort());
        long ticksBefore = cpuTicks(run.pid());
        long start = System.nanoTime();
        pause(window);
        long commandsAfter = commandCalls(run.redisPort());
        long ticksAfter = cpuTicks(run.pid());
        double seconds = (System.nanoTime() - start) / 1e9;
        // the second INFO commandstats is counted by the reading it answers; it is this harness's, not the agent's
        long agentCommands = commandsAfter - commandsBefore - 1;
        return new Figures(agentCommands / seconds, (ticksAfter - ticksBefore) / TICKS_PER_SECOND / seconds * 100);
    }

    /** The calls of every command Redis ran since it started, summed from {@code INFO commandstats}. */
    static long commandCalls(int port) {
        return commandsByName(port).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The calls of each command Redis ran since it started, from {@code INFO commandstats}. */
    static Map<String, Long> commandsByName(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write("INFO commandstats\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            int length = Integer.parseInt(in.readLine().substring(1));
            char[] body = new char[length];
            for (int read = 0; read < length;) {
                read += in.read(body, read, length - read);
            }
            return new String(body).lines().filter(line -> line.startsWith("cmdstat_"))
                    .collect(Collectors.toMap(line -> line.substring(8, line.indexOf(':')),
                            line -> Long.parseLong(line.replaceAll("^.*?calls=(\\d+),.*$", "$1"))));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read INFO commandstats", e);
        }
    }

    /** {@code utime + stime} of the process, in clock ticks. */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name may hold spaces: fields are counted after its closing parenthesis (field 3 first)
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/stat", e);
        }
    }

    /** CPU ticks per thread name (threads of one name summed), from {@code /proc/<pid>/task/<tid>/stat}. */
    static Map<String, Long> threadTicks(long pid) {
        Map<String, Long> ticks = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                    ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the agent's threads", e);
        }
        return ticks;
    }

    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new HashMap<>();
        after.forEach((name, value) -> delta.put(name, value - before.getOrDefault(name, 0L)));
        return delta;
    }

    private static String top(Map<String, Long> values, int count) {
        return values.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long> comparingByValue().reversed()).limit(count)
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static void pause(Duration duration) {
        Awaitility.await().pollDelay(duration).atMost(duration.plusSeconds(5)).until(() -> true);
    }
}
