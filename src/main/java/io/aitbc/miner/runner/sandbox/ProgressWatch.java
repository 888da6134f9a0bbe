package io.aitbc.miner.runner.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.aitbc.miner.process.ProcessGroups;
import io.quarkus.logging.Log;

/**
 * Liveness by progress, not wall time (D44): while a job's process runs, its CPU time is read every so often (the
 * cgroup v2 {@code cpu.stat} {@code usage_usec}, else the sum of {@code utime}, {@code stime}, {@code cutime} and
 * {@code cstime} in {@code /proc/<pid>/stat} over its process group). When it has not changed for
 * {@code MINER_JOB_STALL_TIMEOUT}, the job is hung: its group and cgroup are killed and {@link #stalledAfter()} says so.
 */
final class ProgressWatch {

    private static final Pattern USAGE = Pattern.compile("(?m)^usage_usec (\\d+)$");
    private static final Duration MIN_PERIOD = Duration.ofMillis(100);
    private static final Duration MAX_PERIOD = Duration.ofSeconds(10);

    private final Duration stallTimeout;
    private final ProcessGroups groups;
    private final Optional<JobCgroup> cgroup;
    private volatile Duration stalledAfter;
    private volatile boolean done;

    ProgressWatch(Duration stallTimeout, ProcessGroups groups, Optional<JobCgroup> cgroup) {
        this.stallTimeout = stallTimeout;
        this.groups = groups;
        this.cgroup = cgroup;
    }

    /** Starts watching the process group {@code pgid} on a virtual thread. */
    void start(long pgid) {
        Thread.ofVirtual().name("progress-" + pgid).start(() -> watch(pgid));
    }

    /** The process ended: stop watching. */
    void stop() {
        done = true;
    }

    /** How long the job had made no progress when it was killed, or empty when it was not. */
    Optional<Duration> stalledAfter() {
        return Optional.ofNullable(stalledAfter);
    }

    private void watch(long pgid) {
        Duration period = clamp(stallTimeout.dividedBy(10));
        long last = cpuTime(pgid).orElse(-1);
        long lastChange = System.nanoTime();
        while (!done) {
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
            long now = cpuTime(pgid).orElse(last);
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (!done && System.nanoTime() - lastChange >= stallTimeout.toNanos()) {
                stalledAfter = Duration.ofNanos(System.nanoTime() - lastChange);
                Log.infof("Process group %d used no CPU time for %d ms: killed as stalled", pgid,
                        stalledAfter.toMillis());
                groups.signal(pgid, "KILL");
                cgroup.ifPresent(JobCgroup::killAll);
                return;
            }
        }
    }

    private OptionalLong cpuTime(long pgid) {
        if (cgroup.isPresent()) {
            try {
                Matcher m = USAGE.matcher(Files.readString(cgroup.get().dir().resolve("cpu.stat")));
                if (m.find()) {
                    return OptionalLong.of(Long.parseLong(m.group(1)));
                }
            } catch (IOException | RuntimeException e) {
                // no cpu.stat (cgroup v1): the process group's /proc figures below
            }
        }
        long total = 0;
        boolean any = false;
        for (long pid : ProcessGroups.members(pgid)) {
            OptionalLong ticks = ticks(pid);
            if (ticks.isPresent()) {
                total += ticks.getAsLong();
                any = true;
            }
        }
        return any ? OptionalLong.of(total) : OptionalLong.empty();
    }

    /** utime + stime + cutime + cstime of one process, in clock ticks. */
    private static OptionalLong ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalLong.of(Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13])
                    + Long.parseLong(f[14]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    private static Duration clamp(Duration period) {
        return period.compareTo(MIN_PERIOD) < 0 ? MIN_PERIOD : period.compareTo(MAX_PERIOD) > 0 ? MAX_PERIOD : period;
    }
}
