package io.aitbc.miner.runner.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.aitbc.miner.process.Stopper;
import io.quarkus.logging.Log;

/**
 * One run's cgroup: its memory limit, its OOM-kill counter (D16) and the stop of everything in it, also of processes
 * that left the job's process group. v1 uses {@code memory.limit_in_bytes} and {@code memory.oom_control}; v2
 * {@code memory.max}, {@code memory.events} and {@code cgroup.kill}, and limits the number of processes and threads
 * with {@code pids.max} (v1 job cgroups live in the memory hierarchy only, so there the count is not limited).
 */
final class JobCgroup implements Stopper {

    static final String PREFIX = "aitbc-job-";
    private static final Pattern OOM_KILL = Pattern.compile("(?m)^oom_kill (\\d+)$");

    private final CgroupMode mode;
    private final Path dir;

    private JobCgroup(CgroupMode mode, Path dir) {
        this.mode = mode;
        this.dir = dir;
    }

    /**
     * @param pidsMax the most processes and threads the job may have at once, 0 for no limit: v2 {@code pids.max},
     *        which exists where the agent's cgroup has the {@code pids} controller
     */
    static JobCgroup create(CgroupMode mode, Path parent, String jobId, OptionalLong memoryBytes, int pidsMax)
            throws IOException {
        Path dir = parent.resolve(PREFIX + jobId + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        Files.createDirectory(dir);
        JobCgroup cgroup = new JobCgroup(mode, dir);
        try {
            if (memoryBytes.isPresent()) {
                cgroup.limit(memoryBytes.getAsLong());
            }
            if (mode == CgroupMode.V2 && pidsMax > 0 && Files.exists(dir.resolve("pids.max"))) {
                Files.writeString(dir.resolve("pids.max"), Integer.toString(pidsMax));
            }
        } catch (IOException e) {
            cgroup.close();
            throw e;
        }
        return cgroup;
    }

    Path dir() {
        return dir;
    }

    /** Whether the kernel's OOM killer killed something in this cgroup. */
    boolean oomKilled() {
        Path events = dir.resolve(mode == CgroupMode.V2 ? "memory.events" : "memory.oom_control");
        try {
            Matcher m = OOM_KILL.matcher(Files.readString(events));
            return m.find() && Long.parseLong(m.group(1)) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Every process in the cgroup. */
    List<Long> pids() {
        try (Stream<String> lines = Files.lines(dir.resolve("cgroup.procs"))) {
            return lines.filter(l -> !l.isBlank()).map(Long::parseLong).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** SIGTERM to every process in the cgroup. */
    @Override
    public void terminate(Process process) {
        pids().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
    }

    @Override
    public boolean gone(Process process) {
        return pids().isEmpty();
    }

    @Override
    public void kill(Process process) {
        killAll();
    }

    /** SIGKILL to everything in the cgroup: {@code cgroup.kill} where it exists, else one process at a time. */
    void killAll() {
        Path kill = dir.resolve("cgroup.kill");
        if (mode == CgroupMode.V2 && Files.exists(kill)) {
            write(kill, "1");
        }
        pids().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    /** Kills what is left and removes the cgroup (the kernel refuses while a process remains, so wait for them). */
    void close() {
        for (int round = 0; round < 50; round++) {
            killAll();
            List<Long> left = pids();
            if (left.isEmpty()) {
                break;
            }
            left.forEach(pid -> ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(100, TimeUnit.MILLISECONDS)
                    .exceptionally(e -> p).join()));
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            Log.warnf("Cannot remove job cgroup %s: %s", dir, e.getMessage());
        }
    }

    /** Removes cgroups a previous process left (killing what still runs in them). */
    static void sweep(CgroupMode mode, Path parent) {
        try (Stream<Path> list = Files.list(parent)) {
            list.filter(p -> p.getFileName().toString().startsWith(PREFIX)).forEach(p -> {
                Log.infof("Removing the job cgroup %s left by a previous run", p);
                new JobCgroup(mode, p).close();
            });
        } catch (IOException e) {
            Log.debugf("No job cgroups swept under %s: %s", parent, e.getMessage());
        }
    }

    private void limit(long bytes) throws IOException {
        if (mode == CgroupMode.V2) {
            Files.writeString(dir.resolve("memory.max"), Long.toString(bytes));
            write(dir.resolve("memory.swap.max"), "0");
        } else {
            Files.writeString(dir.resolve("memory.limit_in_bytes"), Long.toString(bytes));
            write(dir.resolve("memory.memsw.limit_in_bytes"), Long.toString(bytes));
        }
    }

    private static void write(Path file, String value) {
        try {
            Files.writeString(file, value);
        } catch (IOException e) {
            Log.debugf("Cannot write %s: %s", file, e.getMessage());
        }
    }
}
