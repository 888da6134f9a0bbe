package io.aitbc.miner.probe;

import java.util.Locale;
import java.util.Optional;

/**
 * What the production miner calls a GPU (aitbc-peer-features.md §6), from the compute capability rather than its
 * name table (which reads an H100 as {@code unknown}): its names where they overlap ({@code ada_lovelace},
 * {@code ampere}, {@code turing}, {@code pascal}), plus {@code hopper}, {@code volta}, {@code blackwell} and
 * {@code maxwell}; {@code unknown} without a capability.
 *
 * @param architecture the architecture's name
 * @param consumerGrade a GeForce or TITAN card (the production miner says {@code true} for every GPU)
 * @param edgeOptimized a consumer Ada, Ampere or Turing card, the production miner's three
 */
public record GpuArchitecture(String architecture, boolean consumerGrade, boolean edgeOptimized) {

    /** The name when the compute capability is not known. */
    public static final String UNKNOWN = "unknown";

    /** The class of one device. */
    public static GpuArchitecture of(GpuDevice gpu) {
        String architecture = name(gpu.computeCap());
        boolean consumer = consumerGrade(gpu.name());
        boolean edge = consumer && switch (architecture) {
            case "ada_lovelace", "ampere", "turing" -> true;
            default -> false;
        };
        return new GpuArchitecture(architecture, consumer, edge);
    }

    /** The architecture of a compute capability such as {@code 8.9}. */
    static String name(Optional<String> computeCap) {
        if (computeCap.isEmpty() || !computeCap.get().matches("\\d{1,3}\\.\\d{1,3}")) {
            return UNKNOWN;
        }
        String[] parts = computeCap.get().split("\\.");
        int major = Integer.parseInt(parts[0]);
        int minor = Integer.parseInt(parts[1]);
        return switch (major) {
            case 10, 11, 12 -> "blackwell";
            case 9 -> "hopper";
            case 8 -> minor == 9 ? "ada_lovelace" : "ampere";
            case 7 -> minor >= 5 ? "turing" : "volta";
            case 6 -> "pascal";
            case 5 -> "maxwell";
            default -> UNKNOWN;
        };
    }

    private static boolean consumerGrade(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("geforce") || lower.contains("titan");
    }
}
