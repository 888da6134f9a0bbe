package io.aitbc.miner.process;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One program to run with {@link Exec}: an argv array (never a shell), its environment, folder and standard input,
 * a wall-clock limit and how much of each output stream is kept.
 *
 * @param argv the program by absolute path (or a name looked up on the agent's {@code PATH}), then its arguments
 * @param environment the complete environment; empty to inherit the agent's
 * @param directory the working folder; empty for the agent's
 * @param stdin bytes written to its standard input, which is then closed
 * @param timeout how long it may run before it is stopped
 * @param outputMax bytes kept of stdout (its head) and of stderr (its tail), each
 * @param outputFilter what each output stream passes through before it is kept (a job's secrets are redacted there)
 */
public record Command(List<String> argv, Optional<Map<String, String>> environment, Optional<Path> directory,
        byte[] stdin, Duration timeout, int outputMax, UnaryOperator<InputStream> outputFilter) {

    /** Output kept by default: more than any tool the agent queries prints. */
    public static final int DEFAULT_OUTPUT_MAX = 64 * 1024;

    /** {@code argv} with the agent's environment and folder, no input, and {@value #DEFAULT_OUTPUT_MAX} bytes kept. */
    public static Command of(List<String> argv, Duration timeout) {
        return new Command(List.copyOf(argv), Optional.empty(), Optional.empty(), new byte[0], timeout,
                DEFAULT_OUTPUT_MAX, UnaryOperator.identity());
    }

    /** The same command with exactly this environment (nothing of the agent's is inherited). */
    public Command withEnvironment(Map<String, String> variables) {
        return new Command(argv, Optional.of(Map.copyOf(variables)), directory, stdin, timeout, outputMax, outputFilter);
    }

    /** The same command, run in {@code folder}. */
    public Command withDirectory(Path folder) {
        return new Command(argv, environment, Optional.of(folder), stdin, timeout, outputMax, outputFilter);
    }

    /** The same command, fed {@code input} on its standard input. */
    public Command withStdin(byte[] input) {
        return new Command(argv, environment, directory, input, timeout, outputMax, outputFilter);
    }

    /** The same command, its stdout and stderr read through {@code filter}. */
    public Command withOutputFilter(UnaryOperator<InputStream> filter) {
        return new Command(argv, environment, directory, stdin, timeout, outputMax, filter);
    }

    /** The same command, keeping {@code bytes} of each output stream. */
    public Command withOutputMax(int bytes) {
        return new Command(argv, environment, directory, stdin, timeout, bytes, outputFilter);
    }
}
