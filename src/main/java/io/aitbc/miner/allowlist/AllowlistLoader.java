package io.aitbc.miner.allowlist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads every {@code *.yaml} / {@code *.yml} file of the allowlist directory, in name order, following symlinks (a
 * ConfigMap mounts files as links into {@code ..data}) and skipping hidden names. A malformed file is reported and
 * ignored; the first file to name a command or module wins, a later duplicate is reported.
 */
final class AllowlistLoader {

    private static final long MAX_FILE_BYTES = 1 << 20;

    private AllowlistLoader() {
    }

    /** The files' content hash, without parsing them: cheap enough for the periodic check. */
    static String hash(Path dir) {
        MessageDigest digest = sha256();
        for (Path file : files(dir)) {
            digest.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            digest.update(read(file).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static Allowlist load(Path dir) {
        Map<String, CommandEntry> commands = new LinkedHashMap<>();
        Map<String, PythonEntry> modules = new LinkedHashMap<>();
        List<AllowlistProblem> problems = new ArrayList<>();
        for (Path file : files(dir)) {
            String name = file.getFileName().toString();
            try {
                AllowlistParser.Parsed parsed = AllowlistParser.parse(name, readChecked(file));
                problems.addAll(parsed.dropped());
                parsed.commands().forEach(c -> keep(commands, c.name(), c, c.limits(), problems));
                parsed.modules().forEach(m -> keep(modules, m.module(), m, m.limits(), problems));
            } catch (AllowlistFormatException e) {
                problems.add(new AllowlistProblem(name, e.line(), e.getMessage(), true));
            } catch (IOException e) {
                problems.add(new AllowlistProblem(name, 0, "unreadable: " + e.getMessage(), true));
            }
        }
        return new Allowlist(Map.copyOf(commands), Map.copyOf(modules), List.copyOf(problems), hash(dir));
    }

    private static <T> void keep(Map<String, T> entries, String key, T entry, EntryLimits limits,
            List<AllowlistProblem> problems) {
        if (entries.putIfAbsent(key, entry) != null) {
            String[] at = limits.source().split(":", 2);
            problems.add(new AllowlistProblem(at[0], Integer.parseInt(at[1]), "'" + key
                    + "' is already defined in an earlier file", false));
        }
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(AllowlistLoader::isAllowlistFile).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean isAllowlistFile(Path file) {
        String name = file.getFileName().toString();
        return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml")) && Files.isRegularFile(file);
    }

    private static String readChecked(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IOException("larger than 1 MiB");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static String read(Path file) {
        try {
            return readChecked(file);
        } catch (IOException | RuntimeException e) {
            return "unreadable:" + e.getMessage();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
