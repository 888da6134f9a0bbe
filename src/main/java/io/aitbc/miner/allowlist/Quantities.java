package io.aitbc.miner.allowlist;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes ({@code 512Mi}, {@code 1G}) and durations ({@code 60s}, {@code 5m}) as allowlist files write them. */
final class Quantities {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})(Ki|Mi|Gi|Ti|k|K|M|G|T)?");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

    private Quantities() {
    }

    /** Bytes; {@code Ki/Mi/Gi/Ti} are powers of 1024, {@code k/M/G/T} powers of 1000 (as Kubernetes reads them). */
    static long bytes(String text, int line) throws AllowlistFormatException {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new AllowlistFormatException(line, "'" + text + "' is not a size such as 512Mi or 1G");
        }
        long unit = switch (m.group(2) == null ? "" : m.group(2)) {
            case "Ki" -> 1L << 10;
            case "Mi" -> 1L << 20;
            case "Gi" -> 1L << 30;
            case "Ti" -> 1L << 40;
            case "k", "K" -> 1_000L;
            case "M" -> 1_000_000L;
            case "G" -> 1_000_000_000L;
            case "T" -> 1_000_000_000_000L;
            default -> 1L;
        };
        return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
    }

    /** A positive duration; a bare number is seconds. */
    static Duration duration(String text, int line) throws AllowlistFormatException {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new AllowlistFormatException(line, "'" + text + "' is not a positive duration such as 60s or 5m");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
