package io.aitbc.miner.gpuhealth;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the CSV of the two {@code nvidia-smi} queries of the health checks: {@link #SIGNALS} (with
 * {@link #BASIC_SIGNALS} for drivers without the clock-event and recovery-action fields) and {@link #APPS}. Plain
 * code; a line that does not parse is skipped (the GPU it names then reads as not listed).
 */
final class SmiOutput {

    /** The health query: address, memory, ECC, remapped rows, clock-event reasons and the recovery action. */
    static final List<String> SIGNALS = List.of("--query-gpu=pci.bus_id,uuid,memory.used,"
            + "ecc.errors.uncorrected.volatile.total,ecc.errors.uncorrected.aggregate.total,remapped_rows.pending,"
            + "remapped_rows.failure,clocks_event_reasons.hw_thermal_slowdown,"
            + "clocks_event_reasons.sw_thermal_slowdown,clocks_event_reasons.hw_power_brake_slowdown,"
            + "gpu_recovery_action", "--format=csv,noheader,nounits");
    /** The same without the fields older drivers refuse ({@code Field … is not a valid field to query}). */
    static final List<String> BASIC_SIGNALS = List.of("--query-gpu=pci.bus_id,uuid,memory.used,"
            + "ecc.errors.uncorrected.volatile.total,ecc.errors.uncorrected.aggregate.total,remapped_rows.pending,"
            + "remapped_rows.failure", "--format=csv,noheader,nounits");
    /** The compute processes on every GPU. */
    static final List<String> APPS = List.of("--query-compute-apps=pid,gpu_uuid,used_memory,process_name",
            "--format=csv,noheader,nounits");

    private static final int BASIC_FIELDS = 7;
    private static final int ALL_FIELDS = 11;

    private SmiOutput() {
    }

    static List<GpuSignals> signals(String csv) {
        List<GpuSignals> gpus = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            String[] f = fields(line);
            if (f.length != BASIC_FIELDS && f.length != ALL_FIELDS || !f[1].startsWith("GPU-")) {
                continue;
            }
            Optional<String> bus = BusIds.normalize(f[0]);
            if (bus.isEmpty()) {
                continue;
            }
            boolean all = f.length == ALL_FIELDS;
            gpus.add(new GpuSignals(bus.get(), f[1], number(f[2]), number(f[3]), number(f[4]), yes(f[5]), yes(f[6]),
                    all && (active(f[7]) || active(f[8])), all && active(f[9]),
                    all && !absent(f[10]) ? Optional.of(f[10]) : Optional.empty()));
        }
        return gpus;
    }

    static List<ComputeApp> apps(String csv) {
        List<ComputeApp> apps = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            String[] f = line.split(",", 4);
            if (f.length < 3 || number(f[0].strip()) < 0 || !f[1].strip().startsWith("GPU-")) {
                continue;
            }
            apps.add(new ComputeApp(number(f[0].strip()), f[1].strip(), number(f[2].strip()),
                    f.length == 4 ? f[3].strip() : ""));
        }
        return apps;
    }

    private static String[] fields(String line) {
        String[] f = line.split(",", -1);
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i].strip();
        }
        return f;
    }

    private static long number(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Optional<Boolean> yes(String value) {
        return absent(value) ? Optional.empty() : Optional.of(value.equalsIgnoreCase("Yes"));
    }

    private static boolean active(String value) {
        return value.equalsIgnoreCase("Active");
    }

    private static boolean absent(String value) {
        return value.isEmpty() || value.startsWith("[") || value.equalsIgnoreCase("N/A");
    }
}
