package io.aitbc.miner.gpuhealth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.logging.Log;

/**
 * Follows the kernel log on a platform thread of its own (a read of {@code /dev/kmsg} blocks in the kernel and would
 * pin a virtual thread's carrier for good) and hands every GPU event to a consumer. {@code /dev/kmsg} blocks until
 * the next record; a plain file (a forwarded log, the tests) is read to its end and then polled for what is appended.
 * Records of {@code /dev/kmsg} older than the burst window before the agent started are skipped: they were settled
 * before, and the health check sees what they left.
 */
final class KernelLogFollower {

    private static final Pattern KMSG = Pattern.compile("^\\d+,\\d+,(\\d+),[^;]*;");
    private static final Duration FILE_POLL = Duration.ofMillis(100);
    private static final Duration REOPEN = Duration.ofSeconds(5);

    private final Path path;
    private final long skipBeforeMicros;
    private final Consumer<KernelEvent> events;
    private volatile boolean stopped;
    private volatile String problem;

    /**
     * @param skipBeforeMicros kmsg records stamped earlier than this (microseconds since boot) are skipped
     */
    KernelLogFollower(Path path, long skipBeforeMicros, Consumer<KernelEvent> events) {
        this.path = path;
        this.skipBeforeMicros = skipBeforeMicros;
        this.events = events;
    }

    void start() {
        Thread.ofPlatform().daemon().name("kernel-log").start(this::follow);
    }

    void stop() {
        stopped = true;
    }

    /** Why no XIDs are seen (the log cannot be read), or null while it is followed. */
    String problem() {
        return problem;
    }

    private void follow() {
        while (!stopped) {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8))) {
                problem = null;
                read(in, Files.isRegularFile(path));
            } catch (IOException | RuntimeException e) {
                if (problem == null) {
                    Log.warnf("Kernel log %s unreadable, no XIDs seen: %s (MINER_GPU_KMSG_PATH)", path, e.toString());
                }
                problem = "kernel log " + path + " unreadable: " + e.getMessage();
            }
            pause(REOPEN);
        }
    }

    private void read(BufferedReader in, boolean file) throws IOException {
        KernelLogParser parser = new KernelLogParser();
        while (!stopped) {
            String line = in.readLine();
            if (line == null) {
                if (!file) {
                    return;
                }
                pause(FILE_POLL);
                continue;
            }
            if (!stale(line)) {
                parser.parse(line).ifPresent(this::deliver);
            }
        }
    }

    private boolean stale(String line) {
        Matcher m = KMSG.matcher(line);
        return m.find() && Long.parseLong(m.group(1)) < skipBeforeMicros;
    }

    private void deliver(KernelEvent event) {
        try {
            events.accept(event);
        } catch (RuntimeException e) {
            Log.errorf(e, "GPU event %s not handled", event);
        }
    }

    private void pause(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
