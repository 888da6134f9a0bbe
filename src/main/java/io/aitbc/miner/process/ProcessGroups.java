package io.aitbc.miner.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Process groups as Linux shows them in {@code /proc}: who is in a group, signals to the whole group (through
 * {@code kill -- -<pgid>}, which reaches every member at once), and the group's end.
 */
public final class ProcessGroups {

    private static final Path PROC = Path.of("/proc");
    private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(5);

    private final Optional<Path> kill;

    /** @param kill the {@code kill} program by absolute path; without it no group can be signalled */
    public ProcessGroups(Optional<Path> kill) {
        this.kill = kill;
    }

    /**
     * Stops a program that leads its own process group (started through {@code setsid}, so its pid is the group id):
     * SIGTERM to the whole group, then SIGKILL to whatever is left of it.
     */
    public Stopper stopper() {
        return new Stopper() {
            @Override
            public void terminate(Process process) {
                signal(process.pid(), "TERM");
            }

            @Override
            public boolean gone(Process process) {
                return members(process.pid()).isEmpty() && !process.isAlive();
            }

            @Override
            public void kill(Process process) {
                if (!members(process.pid()).isEmpty()) {
                    signal(process.pid(), "KILL");
                }
            }
        };
    }

    /** The live processes (zombies excluded: they hold nothing and wait for a reaper) whose group is {@code pgid}. */
    public static List<Long> members(long pgid) {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .forEach(n -> {
                        if (groupOf(Long.parseLong(n)) == pgid) {
                            pids.add(Long.parseLong(n));
                        }
                    });
        } catch (IOException e) {
            return List.of();
        }
        return pids;
    }

    /** The process group of {@code pid}, or -1 when it is gone, a zombie or unreadable. */
    static long groupOf(long pid) {
        String[] fields = stat(pid);
        return fields.length < 3 || fields[0].equals("Z") ? -1 : Long.parseLong(fields[2]);
    }

    /** Whether {@code pid} exists and is not a zombie. */
    public static boolean running(long pid) {
        String[] fields = stat(pid);
        return fields.length > 0 && !fields[0].equals("Z") && !fields[0].equals("X");
    }

    /** The fields of {@code /proc/<pid>/stat} after the command name (state, ppid, pgrp, …); empty when gone. */
    private static String[] stat(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return new String[0];
        }
    }

    /** Whether {@code pid}'s environment holds {@code entry} (e.g. {@code AITBC_JOB_ID=<id>}). */
    public static boolean environmentHas(long pid, String entry) {
        try {
            String environ = new String(Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ")),
                    StandardCharsets.UTF_8);
            return List.of(environ.split("\0")).contains(entry);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Sends {@code signal} ({@code TERM}, {@code KILL}) to every process of the group; false when none was there. */
    public boolean signal(long pgid, String signal) {
        if (pgid <= 1 || kill.isEmpty()) {
            return false;
        }
        try {
            Exited sent = Exec.run(Command.of(List.of(kill.get().toString(), "-s", signal, "--", "-" + pgid),
                    SIGNAL_TIMEOUT).withOutputMax(0));
            return !sent.timedOut() && sent.exitCode() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
