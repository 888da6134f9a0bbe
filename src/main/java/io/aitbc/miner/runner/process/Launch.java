package io.aitbc.miner.runner.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.aitbc.miner.allowlist.EntryLimits;

/**
 * What a {@code cli} or {@code python} job runs, once its payload passed the allowlist.
 *
 * @param executable the absolute program
 * @param args its arguments
 * @param stdin its standard input
 * @param limits the entry's limits
 * @param environment variables added to the clean environment (e.g. {@code PYTHONPATH})
 */
record Launch(Path executable, List<String> args, byte[] stdin, EntryLimits limits, Map<String, String> environment) {
}
