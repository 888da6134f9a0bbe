package io.aitbc.miner.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The one way the agent starts a program: from an argv array, never through a shell. Standard input is fed and
 * closed, stdout and stderr are drained on virtual threads and capped ({@link Captured}), the wall-clock limit is
 * enforced (terminate, up to {@link #GRACE} for everything to go, then kill) and whatever the program left is killed
 * once it exits. Nothing else in the agent uses {@link ProcessBuilder}.
 */
public final class Exec {

    /** How long a program that ran past its time has after being asked to end, before it is killed. */
    public static final Duration GRACE = Duration.ofSeconds(2);
    /**
     * How long the output drains get to reach the end of the pipes once the program and its group are gone. A pipe
     * still held by a process that left the group stops the wait there; on a loaded node (load 10 on two cores) the
     * drains of a program that exited normally were seen to need more than 2 s, and its output was lost.
     */
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(10);
    private static final long POLL_MS = 50;

    private Exec() {
    }

    /** Runs a tool that does not lead a process group of its own (see {@link Stopper#tree()}) to its end. */
    public static Exited run(Command command) throws IOException, InterruptedException {
        return run(command, Stopper.tree(), pid -> {
        });
    }

    /**
     * Runs a program to its end.
     *
     * @param stopper how the program and what it started are ended
     * @param onStart told the pid as soon as the process exists (e.g. to journal it for crash recovery)
     * @throws IOException when the program cannot be started
     * @throws InterruptedException when the caller is interrupted; the program is killed first
     */
    public static Exited run(Command command, Stopper stopper, LongConsumer onStart)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command.argv());
        command.directory().ifPresent(folder -> builder.directory(folder.toFile()));
        command.environment().ifPresent(variables -> {
            builder.environment().clear();
            builder.environment().putAll(variables);
        });
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            onStart.accept(process.pid());
            return await(command, process, stopper, started);
        } finally {
            stopper.kill(process);
        }
    }

    private static Exited await(Command command, Process process, Stopper stopper, long started)
            throws InterruptedException {
        StreamCapture out = StreamCapture.head(command.outputMax());
        StreamCapture err = StreamCapture.tail(command.outputMax());
        Thread stdout = Thread.ofVirtual()
                .start(() -> out.drain(command.outputFilter().apply(process.getInputStream())));
        Thread stderr = Thread.ofVirtual()
                .start(() -> err.drain(command.outputFilter().apply(process.getErrorStream())));
        feed(process, command.stdin());
        boolean timedOut = !process.waitFor(command.timeout().toNanos(), TimeUnit.NANOSECONDS);
        if (timedOut) {
            stop(process, stopper);
        }
        int exit = process.waitFor();
        long elapsed = System.nanoTime() - started;
        stopper.kill(process);
        stdout.join(DRAIN_WAIT);
        stderr.join(DRAIN_WAIT);
        closeOutput(process);
        return new Exited(exit, timedOut, out.result(), err.result(), elapsed);
    }

    /** Terminate, give everything {@link #GRACE} to go, then kill. */
    private static void stop(Process process, Stopper stopper) throws InterruptedException {
        stopper.terminate(process);
        long deadline = System.nanoTime() + GRACE.toNanos();
        while (System.nanoTime() < deadline && !stopper.gone(process)) {
            process.waitFor(POLL_MS, TimeUnit.MILLISECONDS);
        }
        stopper.kill(process);
    }

    /** Input is written on its own thread: a program that reads nothing must not block the wait for its end. */
    private static void feed(Process process, byte[] stdin) {
        if (stdin.length == 0) {
            close(process);
            return;
        }
        Thread.ofVirtual().start(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
            } catch (IOException e) {
                // the program closed its stdin or ended: what it did not read is not its input any more
            }
        });
    }

    /** Releases the output pipes once drained, or once a process that left the group still holds them. */
    private static void closeOutput(Process process) {
        for (InputStream pipe : List.of(process.getInputStream(), process.getErrorStream())) {
            try {
                pipe.close();
            } catch (IOException e) {
                // already closed: nothing is left to release
            }
        }
    }

    private static void close(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the program already ended: there is no input to close
        }
    }
}
