package io.aitbc.miner.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.aitbc.miner.workspace.WorkspaceConfig;
import io.quarkus.logging.Log;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.nativefree.SystemInfo;

/**
 * The node's real hardware: CPU, memory and architecture from OSHI's JNA-free {@code oshi.nativefree} API, free disk
 * space where job workspaces live, GPUs and CUDA from {@link NvidiaSmi}. Probed once, on first use, then kept. A part
 * that cannot be read is logged and reads as absent (0, {@code unknown}, no GPUs); {@link #inventory()} never throws.
 */
@ApplicationScoped
public class SystemHardwareProbe implements HardwareProbe {

    private static final String UNKNOWN = "unknown";

    private final NvidiaSmi nvidiaSmi;
    private final Path workspaceDir;
    private final Supplier<HardwareAbstractionLayer> hardware;
    private volatile Probed probed;

    /** What one probe found, kept together so both are published at once. */
    private record Probed(HardwareInventory inventory, Optional<String> gpuProblem) {
    }

    /**
     * @param nvidiaSmi the GPU inventory
     * @param workspace where job workspaces live, for the free disk space
     */
    @Inject
    public SystemHardwareProbe(NvidiaSmi nvidiaSmi, WorkspaceConfig workspace) {
        this(nvidiaSmi, workspace, () -> new SystemInfo().getHardware());
    }

    SystemHardwareProbe(NvidiaSmi nvidiaSmi, WorkspaceConfig workspace, Supplier<HardwareAbstractionLayer> hardware) {
        this.nvidiaSmi = nvidiaSmi;
        this.workspaceDir = workspace.dir();
        this.hardware = hardware;
    }

    /** {@inheritDoc} The first call blocks while {@code nvidia-smi} runs (up to three of its timeouts). */
    @Override
    public HardwareInventory inventory() {
        return probed().inventory();
    }

    @Override
    public Optional<String> gpuProblem() {
        return probed().gpuProblem();
    }

    @Override
    public boolean isProbed() {
        return probed != null;
    }

    private Probed probed() {
        Probed result = probed;
        if (result == null) {
            synchronized (this) {
                result = probed;
                if (result == null) {
                    result = probe();
                    probed = result;
                }
            }
        }
        return result;
    }

    private Probed probe() {
        Optional<HardwareAbstractionLayer> hal = read("hardware", hardware::get);
        int cores = hal.flatMap(h -> read("CPU cores", () -> h.getProcessor().getLogicalProcessorCount()))
                .filter(n -> n > 0).orElseGet(Runtime.getRuntime()::availableProcessors);
        String model = hal.flatMap(h -> read("CPU model", () -> h.getProcessor().getProcessorIdentifier().getName()))
                .map(String::strip).filter(name -> !name.isEmpty()).orElse(UNKNOWN);
        long memory = hal.flatMap(h -> read("memory", () -> h.getMemory().getTotal())).orElse(0L);
        GpuScan gpus = read("GPUs", nvidiaSmi::scan).orElseGet(() -> GpuScan.none("GPU probe failed"));
        HardwareInventory inventory = new HardwareInventory(cores, model, architecture(System.getProperty("os.arch")),
                memory, diskFree(workspaceDir), gpus.gpus(), gpus.cuda());
        Log.infof("Hardware: %d cores (%s, %s), %d MiB memory, %d MiB free under %s, %d GPU(s), CUDA %s",
                cores, model, inventory.architecture(), memory >> 20, inventory.diskFreeBytes() >> 20, workspaceDir,
                inventory.gpus().size(), inventory.cuda().orElse("none"));
        return new Probed(inventory, gpus.problem());
    }

    /** The JVM's {@code os.arch} in the kernel's words: {@code amd64} → {@code x86_64}, {@code arm64} → {@code aarch64}. */
    static String architecture(String osArch) {
        String arch = Optional.ofNullable(osArch).map(a -> a.strip().toLowerCase(Locale.ROOT)).orElse("");
        return switch (arch) {
            case "" -> UNKNOWN;
            case "amd64", "x86-64" -> "x86_64";
            case "arm64" -> "aarch64";
            default -> arch;
        };
    }

    /** Usable space on the file system of {@code dir}, or of its nearest existing parent; 0 when unreadable. */
    static long diskFree(Path dir) {
        Path existing = dir.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return 0;
        }
        try {
            return Files.getFileStore(existing).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            Log.warnf("Free disk space under %s unknown: %s", existing, e.toString());
            return 0;
        }
    }

    /** Runs one read; a failure (including a missing native piece) is logged and reads as absent. */
    private static <T> Optional<T> read(String what, Supplier<T> reader) {
        try {
            return Optional.ofNullable(reader.get());
        } catch (RuntimeException | LinkageError e) {
            Log.warnf("Could not probe %s: %s", what, e.toString());
            return Optional.empty();
        }
    }
}
