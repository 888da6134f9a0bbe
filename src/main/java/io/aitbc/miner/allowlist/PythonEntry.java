package io.aitbc.miner.allowlist;

import java.nio.file.Path;

/**
 * An allowlisted Python module, run as {@code python3 -P -s -m <module>} with {@code PYTHONPATH=<path>} (D17).
 *
 * @param module the dotted module name jobs ask for
 * @param path the trusted directory put on {@code PYTHONPATH}
 * @param limits timeout, memory, slot, network and secrets
 */
public record PythonEntry(String module, Path path, EntryLimits limits) {
}
