package io.aitbc.miner.allowlist;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An allowlisted command: what a {@code cli} job names and how it may be called.
 *
 * @param name what jobs ask for
 * @param path the absolute executable
 * @param args every argument must fully match one of these
 * @param maxArgs the most arguments a job may pass (default 16)
 * @param limits timeout, memory, slot, network and secrets
 */
public record CommandEntry(String name, Path path, List<Pattern> args, int maxArgs, EntryLimits limits) {
}
