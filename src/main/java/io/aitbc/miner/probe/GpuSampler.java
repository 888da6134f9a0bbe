package io.aitbc.miner.probe;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Samples GPU utilisation and memory while jobs run (aitbc-peer-features.md §6: a real peak, not the production
 * miner's {@code max(used, 2048)} read after the job). One {@code nvidia-smi} usage query per
 * {@code MINER_GPU_SAMPLE_INTERVAL} serves every running job, each reading only the GPUs it uses; while no job holds
 * a GPU nothing runs. A job gets a reading at its start and, if it ends before any came, one at its end.
 */
@ApplicationScoped
public class GpuSampler {

    /** The usage query; {@link #parse} reads its CSV. */
    static final List<String> USAGE_ARGS = List.of("--query-gpu=uuid,utilization.gpu,memory.used",
            "--format=csv,noheader,nounits");

    private final NvidiaSmi nvidiaSmi;
    private final Duration interval;
    private final Set<Sampling> active = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("gpu-sampler").daemon().factory());
    private ScheduledFuture<?> ticking;
    private volatile Latest latest;

    GpuSampler(NvidiaSmi nvidiaSmi, GpuSampleConfig config) {
        this.nvidiaSmi = nvidiaSmi;
        this.interval = config.interval();
    }

    /**
     * One GPU's reading.
     *
     * @param utilizationPercent utilisation, -1 when {@code nvidia-smi} did not report it
     * @param memoryUsedMb memory in use, MiB, -1 when not reported
     */
    public record Reading(int utilizationPercent, long memoryUsedMb) {
    }

    /** Starts sampling the GPUs of one job, by UUID; with none the sampling reads nothing and ends empty. */
    public Sampling start(Collection<String> uuids) {
        Sampling sampling = new Sampling(Set.copyOf(uuids));
        if (!uuids.isEmpty()) {
            active.add(sampling);
            keepTicking();
            ticks.execute(this::tick);
        }
        return sampling;
    }

    /**
     * The latest readings by GPU UUID, queried now unless the last query (a job's, or an earlier call's) is younger
     * than {@code maxAge}; empty without GPUs or when {@code nvidia-smi} fails. For heartbeats: at most one query per
     * heartbeat period, none while jobs are being sampled anyway.
     */
    public Map<String, Reading> latest(Duration maxAge) {
        Latest last = latest;
        if (last != null && last.at() + maxAge.toNanos() > System.nanoTime()) {
            return last.readings();
        }
        return read();
    }

    /** The readings of a usage query by GPU UUID; lines that are not a GPU are left out. */
    static Map<String, Reading> parse(String csv) {
        Map<String, Reading> readings = new HashMap<>();
        for (String line : csv.split("\\R")) {
            String[] f = line.split(",", -1);
            if (f.length == 3 && f[0].strip().startsWith("GPU-")) {
                readings.put(f[0].strip(), new Reading((int) number(f[1]), number(f[2])));
            }
        }
        return readings;
    }

    private synchronized void keepTicking() {
        if (ticking == null) {
            ticking = ticks.scheduleAtFixedRate(this::tick, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void tick() {
        if (active.isEmpty()) {
            synchronized (this) {
                if (active.isEmpty() && ticking != null) {
                    ticking.cancel(false);
                    ticking = null;
                }
            }
            return;
        }
        Map<String, Reading> readings = read();
        active.forEach(sampling -> sampling.add(readings));
    }

    private Map<String, Reading> read() {
        Map<String, Reading> readings = nvidiaSmi.query(USAGE_ARGS).map(GpuSampler::parse).orElse(Map.of());
        latest = new Latest(readings, System.nanoTime());
        return readings;
    }

    /** The last query's readings and when it answered ({@link System#nanoTime()}). */
    private record Latest(Map<String, Reading> readings, long at) {
    }

    private static long number(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Stops sampling; a query in flight is interrupted, and stop returns once it has ended (its process gone). */
    @PreDestroy
    void stop() {
        ticks.shutdownNow();
        try {
            ticks.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The sampling of one job's GPUs, from {@link #start} until {@link #stop}. */
    public final class Sampling {

        private final Set<String> uuids;
        private int samples;
        private long utilizationSum;
        private int utilizationCount;
        private long memorySum;
        private long memoryPeak;
        private Optional<GpuUsage> result;

        private Sampling(Set<String> uuids) {
            this.uuids = uuids;
        }

        /** Ends the sampling (again: the same answer); empty when the job used no GPU or none could be read. */
        public synchronized Optional<GpuUsage> stop() {
            if (result == null) {
                active.remove(this);
                if (samples == 0 && !uuids.isEmpty()) {
                    add(read());
                }
                result = samples == 0 ? Optional.empty()
                        : Optional.of(new GpuUsage(utilizationCount == 0 ? 0
                                : (int) Math.round(
                                        (double) utilizationSum / utilizationCount),
                                Math.round((double) memorySum / samples),
                                memoryPeak, samples));
            }
            return result;
        }

        private synchronized void add(Map<String, Reading> readings) {
            if (result != null) {
                return;
            }
            long memory = -1;
            for (String uuid : uuids) {
                Reading reading = readings.get(uuid);
                if (reading != null && reading.memoryUsedMb() >= 0) {
                    memory = Math.max(memory, 0) + reading.memoryUsedMb();
                }
                if (reading != null && reading.utilizationPercent() >= 0) {
                    utilizationSum += reading.utilizationPercent();
                    utilizationCount++;
                }
            }
            if (memory >= 0) {
                samples++;
                memorySum += memory;
                memoryPeak = Math.max(memoryPeak, memory);
            }
        }
    }
}
