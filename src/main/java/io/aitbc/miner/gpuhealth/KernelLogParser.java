package io.aitbc.miner.gpuhealth;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads GPU events from kernel log lines, one line at a time, in any of the forms a host gives them: {@code /dev/kmsg}
 * records ({@code 4,812,93881223,-;NVRM: …}), {@code dmesg} ({@code [93881.223] NVRM: …}) or syslog
 * ({@code … kernel: NVRM: …}). It understands {@code NVRM: Xid (PCI:<address>): <n>, pid=
 *
<p>
 * , name=<…>, <text>} and
 * the "fallen off the bus" message, also when it spans lines ({@code NVRM: The NVIDIA GPU 0000:3b:00.0} … {@code has
 * fallen off the bus}). Keeps the address of the last such preamble, so one parser per log. Plain code, no I/O.
 */
final class KernelLogParser {

    private static final String NVRM = "NVRM: ";
    private static final int TEXT_MAX = 200;
    private static final Pattern XID = Pattern
            .compile("^Xid \\(PCI:([0-9A-Fa-f:.]+)\\): (\\d{1,5})(?:, pid=([^,]*))?(?:, name=([^,]*))?(?:, (.*))?$");
    private static final Pattern PREAMBLE = Pattern.compile("The NVIDIA GPU ([0-9A-Fa-f:.]+)");
    private static final Pattern PID = Pattern.compile("'?(\\d{1,10})'?");
    private static final String FALLEN = "fallen off the bus";

    private String pendingBus;

    /** The event a line reports, if it reports one. */
    Optional<KernelEvent> parse(String line) {
        int at = line.indexOf(NVRM);
        if (at < 0) {
            return Optional.empty();
        }
        String text = line.substring(at + NVRM.length()).strip();
        Matcher xid = XID.matcher(text);
        if (xid.matches()) {
            pendingBus = null;
            return BusIds.normalize(xid.group(1)).map(bus -> new KernelEvent(bus, Integer.parseInt(xid.group(2)),
                    pid(xid.group(3)), cut(Optional.ofNullable(xid.group(5)).orElse(text))));
        }
        Matcher preamble = PREAMBLE.matcher(text);
        if (preamble.find()) {
            pendingBus = BusIds.normalize(preamble.group(1)).orElse(null);
        }
        if (!text.contains(FALLEN)) {
            return Optional.empty();
        }
        Optional<String> bus = preamble.find(0) ? Optional.ofNullable(pendingBus)
                : BusIds.find(text).or(() -> Optional.ofNullable(pendingBus));
        pendingBus = null;
        return bus.map(b -> new KernelEvent(b, KernelEvent.FELL_OFF_BUS, OptionalLong.empty(),
                "GPU has fallen off the bus (no XID)"));
    }

    private static OptionalLong pid(String field) {
        if (field == null) {
            return OptionalLong.empty();
        }
        Matcher m = PID.matcher(field.strip());
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    private static String cut(String text) {
        String t = text.strip();
        return t.length() <= TEXT_MAX ? t : t.substring(0, TEXT_MAX) + "…";
    }
}
