package io.aitbc.miner.allowlist;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Whether a {@code cli} job's arguments are allowed (D18): an argument longer than the limit or holding a NUL is
 * refused before any pattern is tried; then the count is checked; then every argument must fully match one of the
 * entry's patterns.
 */
public final class ArgumentPolicy {

    private ArgumentPolicy() {
    }

    /** Why the arguments are refused, or empty when they are allowed. */
    public static Optional<String> refusal(CommandEntry entry, List<String> args, long maxBytes) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.indexOf('\0') >= 0) {
                return Optional.of("argument " + (i + 1) + " contains a NUL byte");
            }
            if (arg.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
                return Optional.of("argument " + (i + 1) + " is longer than " + maxBytes + " bytes");
            }
        }
        if (args.size() > entry.maxArgs()) {
            return Optional.of("command '" + entry.name() + "' takes at most " + entry.maxArgs() + " arguments");
        }
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (entry.args().stream().noneMatch(p -> p.matcher(arg).matches())) {
                return Optional.of("argument " + (i + 1) + " is not allowed for command '" + entry.name() + "'");
            }
        }
        return Optional.empty();
    }
}
