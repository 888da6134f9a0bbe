package io.aitbc.miner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Samples a process's resident set size from {@code /proc/<pid>/status} every 100 ms and keeps the peak. */
final class RssSampler implements AutoCloseable {

    private final AtomicLong peakKb = new AtomicLong();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

    RssSampler(long pid) {
        sampler.scheduleAtFixedRate(() -> {
            double mib = rssMib(pid);
            if (!Double.isNaN(mib)) {
                peakKb.accumulateAndGet((long) (mib * 1024), Math::max);
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
    }

    /** The resident set size now, in MiB. */
    static double rssMib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    double peakMib() {
        return peakKb.get() / 1024.0;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
