package io.aitbc.miner.gpuhealth;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PCI addresses in one form: the kernel writes {@code 0000:3b:00} (or {@code 0000:3b:00.0}), {@code nvidia-smi}
 * {@code 00000000:3B:00.0}; both become {@code 0000:3b:00} (domain, bus, device; the function is dropped).
 */
final class BusIds {

    private static final Pattern ADDRESS = Pattern
            .compile("([0-9A-Fa-f]{4,8}):([0-9A-Fa-f]{2}):([0-9A-Fa-f]{2})(?:\\.[0-7])?");

    private BusIds() {
    }

    /** The normalised address found at the start of {@code text}, if it starts with one. */
    static Optional<String> normalize(String text) {
        Matcher m = ADDRESS.matcher(text.strip());
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%04x:%s:%s", Long.parseLong(m.group(1), 16),
                m.group(2).toLowerCase(Locale.ROOT), m.group(3).toLowerCase(Locale.ROOT)));
    }

    /** The first address anywhere in {@code text}. */
    static Optional<String> find(String text) {
        Matcher m = ADDRESS.matcher(text);
        return m.find() ? normalize(m.group()) : Optional.empty();
    }
}
