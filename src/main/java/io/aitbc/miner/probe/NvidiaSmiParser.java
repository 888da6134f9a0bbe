package io.aitbc.miner.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the three {@code nvidia-smi} outputs the GPU inventory is built from (decisions D29): the CSV query, the
 * {@code -q} report (for the CUDA version) and the {@code -L} list (for MIG instances). Plain code, no I/O.
 */
public final class NvidiaSmiParser {

    /** Arguments of the inventory query; its CSV is what {@link #parseQuery(String)} reads. */
    public static final List<String> QUERY_ARGS = List.of(
            "--query-gpu=index,uuid,name,memory.total,memory.free,utilization.gpu,mig.mode.current",
            "--format=csv,noheader,nounits");

    /** Arguments of the compute capability query (drivers from 510 on); {@link #parseComputeCaps} reads it. */
    public static final List<String> CAPS_ARGS = List.of("--query-gpu=index,compute_cap", "--format=csv,noheader,nounits");

    private static final int QUERY_FIELDS = 7;
    private static final Pattern CAP_LINE = Pattern.compile("^\\s*(\\d{1,9})\\s*,\\s*(\\d{1,3}\\.\\d{1,3})\\s*$");
    private static final int MAX_ECHO = 120;
    private static final Pattern INTEGER = Pattern.compile("\\d{1,18}");
    private static final Pattern INDEX = Pattern.compile("\\d{1,9}");
    private static final Pattern CUDA = Pattern.compile("^\\s*CUDA Version\\s*:\\s*(\\d+(?:\\.\\d+)*)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern LIST_GPU = Pattern
            .compile("^GPU\\s+(\\d+):\\s*(.+?)\\s*\\(UUID:\\s*(GPU-[^)\\s]+)\\)\\s*$");
    private static final Pattern LIST_MIG = Pattern
            .compile("^\\s+MIG\\s+(\\S+)\\s+Device\\s+\\d+:\\s*\\(UUID:\\s*(MIG-[^)\\s]+)\\)\\s*$");
    private static final Pattern PROFILE_GB = Pattern.compile("\\.(\\d+)gb");

    /**
     * One line of the CSV query.
     *
     * @param device the GPU as queried
     * @param migEnabled whether {@code mig.mode.current} is {@code Enabled}: its MIG instances replace it
     */
    public record QueriedGpu(GpuDevice device, boolean migEnabled) {
    }

    private NvidiaSmiParser() {
    }

    /**
     * Parses the output of {@code nvidia-smi} with {@link #QUERY_ARGS}: one GPU per line, blank lines ignored.
     * {@code [N/A]}, {@code [Not Supported]} and other bracketed values read as -1 for numbers.
     *
     * @throws NvidiaSmiParseException when any line is not a GPU: the whole output is then distrusted
     */
    public static List<QueriedGpu> parseQuery(String output) throws NvidiaSmiParseException {
        List<QueriedGpu> gpus = new ArrayList<>();
        String[] lines = output.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                gpus.add(parseQueryLine(lines[i], i + 1));
            }
        }
        return gpus;
    }

    /**
     * The compute capability of each GPU by index, from {@link #CAPS_ARGS}; lines without one ({@code [N/A]}) and
     * anything unexpected are left out, so the worst case is an unknown architecture, never a lost GPU.
     */
    public static Map<Integer, String> parseComputeCaps(String output) {
        Map<Integer, String> caps = new LinkedHashMap<>();
        for (String line : output.split("\\R")) {
            Matcher m = CAP_LINE.matcher(line);
            if (m.matches()) {
                caps.put(Integer.parseInt(m.group(1)), m.group(2));
            }
        }
        return caps;
    }

    /** The CUDA version from the {@code CUDA Version : 12.4} line of {@code nvidia-smi -q}, if there is one. */
    public static Optional<String> parseCudaVersion(String output) {
        Matcher m = CUDA.matcher(output);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * Parses {@code nvidia-smi -L} into the MIG instances of each GPU, keyed by the parent's {@code GPU-…} UUID. Each
     * instance is named after its parent and profile ({@code NVIDIA A100-SXM4-40GB MIG 3g.20gb}), carries the
     * parent's index, and gets the profile's memory ({@code 20gb} → 20480 MiB); free memory and utilisation are -1.
     * Lines that are neither a GPU nor a MIG instance are ignored.
     */
    public static Map<String, List<GpuDevice>> parseMigList(String output) {
        Map<String, List<GpuDevice>> byParent = new LinkedHashMap<>();
        Matcher parent = null;
        for (String line : output.split("\\R")) {
            Matcher gpu = LIST_GPU.matcher(line);
            Matcher mig = LIST_MIG.matcher(line);
            if (gpu.matches()) {
                parent = gpu;
                byParent.put(gpu.group(3), new ArrayList<>());
            } else if (mig.matches() && parent != null) {
                byParent.get(parent.group(3)).add(migDevice(parent, mig));
            }
        }
        return byParent;
    }

    /**
     * The usable devices: each GPU without MIG as queried, each MIG-enabled GPU replaced by its instances from
     * {@link #parseMigList(String)} (none when it has no instances).
     */
    public static List<GpuDevice> expandMig(List<QueriedGpu> gpus, Map<String, List<GpuDevice>> migByParent) {
        List<GpuDevice> devices = new ArrayList<>();
        for (QueriedGpu gpu : gpus) {
            if (gpu.migEnabled()) {
                devices.addAll(migByParent.getOrDefault(gpu.device().uuid(), List.of()));
            } else {
                devices.add(gpu.device());
            }
        }
        return devices;
    }

    private static QueriedGpu parseQueryLine(String line, int lineNumber) throws NvidiaSmiParseException {
        String[] f = line.split(",", -1);
        if (f.length != QUERY_FIELDS) {
            throw error(lineNumber, line, "expected " + QUERY_FIELDS + " comma-separated fields, got " + f.length);
        }
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i].strip();
        }
        if (!INDEX.matcher(f[0]).matches()) {
            throw error(lineNumber, line, "index is not a number");
        }
        if (!f[1].startsWith("GPU-") || f[1].length() < 5 || f[1].contains(" ")) {
            throw error(lineNumber, line, "uuid does not start with GPU-");
        }
        if (f[2].isEmpty() || isAbsent(f[2])) {
            throw error(lineNumber, line, "no name");
        }
        GpuDevice device = new GpuDevice(Integer.parseInt(f[0]), f[1], f[2], number(f[3], lineNumber, line),
                number(f[4], lineNumber, line), (int) Math.min(number(f[5], lineNumber, line), Integer.MAX_VALUE),
                false);
        return new QueriedGpu(device, "Enabled".equalsIgnoreCase(f[6]));
    }

    private static long number(String value, int lineNumber, String line) throws NvidiaSmiParseException {
        if (isAbsent(value)) {
            return -1;
        }
        if (!INTEGER.matcher(value).matches()) {
            throw error(lineNumber, line, "'" + value + "' is not a number");
        }
        return Long.parseLong(value);
    }

    /** {@code [N/A]}, {@code [Not Supported]}, {@code [Unknown Error]}… and a bare {@code N/A}. */
    private static boolean isAbsent(String value) {
        return (value.startsWith("[") && value.endsWith("]")) || "N/A".equalsIgnoreCase(value);
    }

    private static GpuDevice migDevice(Matcher parent, Matcher mig) {
        String profile = mig.group(1);
        Matcher gb = PROFILE_GB.matcher(profile);
        long memoryMb = gb.find() ? Long.parseLong(gb.group(1)) * 1024 : -1;
        String name = parent.group(2) + " MIG " + profile;
        return new GpuDevice(Integer.parseInt(parent.group(1)), mig.group(2), name, memoryMb, -1, -1, true);
    }

    private static NvidiaSmiParseException error(int lineNumber, String line, String what) {
        String echo = line.length() > MAX_ECHO ? line.substring(0, MAX_ECHO) + "…" : line;
        return new NvidiaSmiParseException(
                "unexpected nvidia-smi output, line " + lineNumber + ": " + what + ": '" + echo.strip() + "'");
    }
}
