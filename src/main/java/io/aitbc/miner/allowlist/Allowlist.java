package io.aitbc.miner.allowlist;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One consistent reading of the allowlist directory.
 *
 * @param commands command entries by name
 * @param modules Python entries by module
 * @param problems what was wrong in the files read
 * @param hash the content hash of the files, to notice changes
 */
public record Allowlist(Map<String, CommandEntry> commands, Map<String, PythonEntry> modules,
        List<AllowlistProblem> problems, String hash) {

    /** No entries at all. */
    public static final Allowlist EMPTY = new Allowlist(Map.of(), Map.of(), List.of(), "");

    /** The command a {@code cli} job names. */
    public Optional<CommandEntry> command(String name) {
        return Optional.ofNullable(commands.get(name));
    }

    /** The module a {@code python} job names. */
    public Optional<PythonEntry> module(String module) {
        return Optional.ofNullable(modules.get(module));
    }
}
