package io.aitbc.miner.gpuhealth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import io.aitbc.miner.gpuhealth.GpuSmi.SmiFailed;
import io.aitbc.miner.probe.GpuDevice;
import io.aitbc.miner.probe.HardwareProbe;
import io.aitbc.miner.process.ProcessGroups;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * The GPUs' health (D44): one {@link GpuMachine} per GPU, fed by the kernel log's XIDs, by the {@code nvidia-smi}
 * check every {@code MINER_GPU_HEALTH_INTERVAL} and by the {@link VramReaper} after every GPU job. It attributes an XID
 * to the running job whose process group holds the pid, answers whether a GPU's slots take jobs, and fires
 * {@link GpuHealthChanged} on every change. MIG instances are not watched (their parent's XIDs name no instance).
 */
@Startup
@ApplicationScoped
public class GpuHealth {

    private final GpuHealthConfig config;
    private final GpuSmi smi;
    private final Consumer<GpuHealthChanged> changed;
    private final Supplier<Instant> clock;
    private final GpuProcesses processes;
    private final VramReaper reaper;
    private final Map<String, GpuMachine> machines = new LinkedHashMap<>();
    private final Map<String, String> uuidByBus = new ConcurrentHashMap<>();
    private final Map<String, GpuSignals> lastSignals = new HashMap<>();
    private final Map<String, GpuJob> running = new ConcurrentHashMap<>();
    private final Map<String, GpuFault> faults = new ConcurrentHashMap<>();
    private final Set<Long> reaped = ConcurrentHashMap.newKeySet();
    private final KernelLogFollower follower;
    private volatile String checkProblem;

    /** A GPU job while it runs: its GPU, its process group once started, the memory before it. */
    private record GpuJob(String uuid, long pgid, long baselineMb) {
    }

    @Inject
    GpuHealth(HardwareProbe probe, GpuHealthConfig config, GpuSmi smi, Event<GpuHealthChanged> changed) {
        this(probe.inventory().gpus(), config, smi, changed::fire, Instant::now);
    }

    GpuHealth(List<GpuDevice> gpus, GpuHealthConfig config, GpuSmi smi, Consumer<GpuHealthChanged> changed,
            Supplier<Instant> clock) {
        this.config = config;
        this.smi = smi;
        this.changed = changed;
        this.clock = clock;
        this.processes = new GpuProcesses(config.inferenceProcesses());
        this.reaper = new VramReaper(smi, processes, config.leakMargin().asLongValue() >> 20);
        gpus.stream().filter(g -> !g.mig()).forEach(g -> machines.put(g.uuid(), new GpuMachine(
                new GpuStatus.Device(g.index(), g.uuid()), config.xidBurstWindow(), config.recoveryChecks(),
                clock.get())));
        this.follower = new KernelLogFollower(config.kmsgPath(), bootMicros() - config.xidBurstWindow().toNanos() / 1000,
                this::onKernelEvent);
        if (!machines.isEmpty()) {
            check();
            follower.start();
        }
    }

    /** Every watched GPU's health, in index order. */
    public synchronized List<GpuStatus> statuses() {
        return machines.values().stream().map(GpuMachine::status).toList();
    }

    /** Whether the slots of GPU {@code uuid} take jobs now; true for a GPU not watched. */
    public synchronized boolean takesJobs(String uuid) {
        GpuMachine machine = machines.get(uuid);
        return machine == null || machine.takesJobs();
    }

    /** Why GPU health is partly blind (kernel log unreadable, {@code nvidia-smi} failing); empty when it is not. */
    public Optional<String> problem() {
        return Optional.ofNullable(follower.problem()).or(() -> Optional.ofNullable(checkProblem));
    }

    /** A GPU job is about to start on {@code uuid}: its memory baseline is taken. */
    public void jobStarting(String jobId, String uuid) {
        running.put(jobId, new GpuJob(uuid, -1, reaper.usedWithoutServer(uuid).orElse(-1)));
    }

    /** The job's process started as group {@code pgid}: XIDs naming one of its processes are the job's. */
    public void jobProcess(String jobId, long pgid) {
        running.computeIfPresent(jobId, (id, job) -> new GpuJob(job.uuid(), pgid, job.baselineMb()));
    }

    /**
     * The GPU job's process ended: its leftovers are reaped and its memory compared with the baseline (a leak makes
     * the GPU suspect until memory returns). Returns the GPU fault that hit it, if one did.
     */
    public Optional<GpuFault> jobEnded(String jobId) {
        GpuJob job = running.remove(jobId);
        Optional<GpuFault> fault = Optional.ofNullable(faults.remove(jobId));
        if (job != null && machines.containsKey(job.uuid())) {
            Optional<String> leak = reaper.reap(jobId, job.uuid(), job.baselineMb(), reaped);
            if (leak.isPresent()) {
                Log.warnf("GPU %s after job %s: %s", job.uuid(), jobId, leak.get());
                apply(job.uuid(), m -> m.leak(leak, clock.get()), job.baselineMb());
            }
        }
        return fault;
    }

    /** The {@code nvidia-smi} check: signals, foreign processes, leaks; recovery moves only on a check. */
    @Scheduled(every = "${miner.gpu.health-interval:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        if (machines.isEmpty() || !smi.present()) {
            return;
        }
        List<GpuSignals> signals;
        List<ComputeApp> apps;
        try {
            signals = smi.signals();
            apps = smi.apps();
            checkProblem = null;
        } catch (SmiFailed e) {
            checkProblem = e.getMessage();
            Log.warnf("GPU health check failed: %s", e.getMessage());
            machines.keySet().forEach(uuid -> apply(uuid, m -> m.checked(List.of(), List.of(e.getMessage()), false,
                    clock.get()), -1));
            return;
        }
        signals.forEach(s -> uuidByBus.put(s.busId(), s.uuid()));
        for (String uuid : List.copyOf(machines.keySet())) {
            Optional<GpuSignals> now = signals.stream().filter(s -> s.uuid().equals(uuid)).findFirst();
            Optional<String> foreign = processes.foreign(uuid, apps, running.keySet(), reaped);
            Optional<String> leak = reaper.stillLeaking(uuid, signals, apps, reaped);
            apply(uuid, m -> {
                m.foreign(foreign);
                if (m.hasLeak()) {
                    m.leak(leak, clock.get());
                }
                if (now.isEmpty()) {
                    m.checked(List.of("not listed by nvidia-smi"), List.of(), false, clock.get());
                } else {
                    m.checked(now.get().quarantineReasons(Optional.ofNullable(lastSignals.get(uuid))),
                            now.get().suspectReasons(), true, clock.get());
                    lastSignals.put(uuid, now.get());
                }
            }, -1);
        }
    }

    void onKernelEvent(KernelEvent event) {
        String uuid = uuidByBus.get(event.busId());
        if (uuid == null || !machines.containsKey(uuid)) {
            Log.warnf("XID %d on PCI %s, a GPU not watched: %s", event.xid(), event.busId(), event.text());
            return;
        }
        XidAction action = XidCatalog.of(event.xid()).action();
        Log.warnf("XID %d on GPU %s (%s): %s", event.xid(), uuid, action, event.text());
        GpuFault fault = new GpuFault(uuid, event.xid(), action, event.text());
        if (event.pid().isPresent()) {
            jobOf(event.pid().getAsLong()).ifPresent(jobId -> faults.put(jobId, fault));
        }
        if (action.hardware()) {
            running.forEach((jobId, job) -> {
                if (job.uuid().equals(uuid)) {
                    faults.putIfAbsent(jobId, fault);
                }
            });
        }
        apply(uuid, m -> m.xid(event.xid(), action, event.text(), clock.get()), -1);
    }

    private Optional<String> jobOf(long pid) {
        return running.entrySet().stream().filter(e -> e.getValue().pgid() == pid
                || e.getValue().pgid() > 0 && ProcessGroups.members(e.getValue().pgid()).contains(pid)
                || ProcessGroups.environmentHas(pid, "AITBC_JOB_ID=" + e.getKey())).map(Map.Entry::getKey)
                .findFirst();
    }

    /** Applies evidence to one GPU under the lock, then announces a change outside it. */
    private void apply(String uuid, Consumer<GpuMachine> evidence, long leakBaselineMb) {
        GpuStatus before;
        GpuStatus after;
        synchronized (this) {
            GpuMachine machine = machines.get(uuid);
            if (machine == null) {
                return;
            }
            before = machine.status();
            if (leakBaselineMb >= 0) {
                reaper.baseline(uuid, leakBaselineMb);
            }
            evidence.accept(machine);
            after = machine.status();
        }
        boolean availability = before.takesJobs() != after.takesJobs();
        if (before.state() != after.state() || availability) {
            Log.infof("GPU %s: %s -> %s (%s)", uuid, before.state().label(), after.state().label(), after.reason());
            changed.accept(new GpuHealthChanged(after, availability));
        }
    }

    private static long bootMicros() {
        try {
            String uptime = Files.readString(Path.of("/proc/uptime")).split(" ")[0];
            return (long) (Double.parseDouble(uptime) * 1_000_000);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @PreDestroy
    void stop() {
        follower.stop();
    }
}
