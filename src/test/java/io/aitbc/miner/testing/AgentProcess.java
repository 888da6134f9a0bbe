package io.aitbc.miner.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged agent ({@code target/quarkus-app/quarkus-run.jar}) as its own process, for the demo and process-level
 * tests. It runs on the same Java as the caller ({@code ProcessHandle.current()}, never {@code java} from PATH, D24),
 * with exactly the environment given plus {@code PATH} and {@code HOME}.
 */
public final class AgentProcess implements AutoCloseable {

    /** Where {@code ./mvnw package} puts the fast-jar. */
    public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final Process process;
    private final Path log;

    private AgentProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the agent with {@code env}; its output goes to {@code log}. */
    public static AgentProcess start(Map<String, String> env, Path log, String... jvmOptions) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run ./mvnw -B package first");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().retainAll(List.of("PATH", "HOME", "LANG"));
        builder.environment().putAll(env);
        try {
            return new AgentProcess(builder.start(), log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the agent", e);
        }
    }

    /** The process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether it still runs. */
    public boolean alive() {
        return process.isAlive();
    }

    /** Sends SIGTERM (a drain). */
    public void terminate() {
        process.destroy();
    }

    /** Sends SIGKILL, as a node failure or an OOM kill would. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    /** Waits for the exit and answers its status, or -1 when it still runs after {@code timeout}. */
    public int waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Everything it printed so far. */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            if (waitFor(Duration.ofSeconds(15)) == -1) {
                kill();
            }
        }
    }
}
