package io.aitbc.miner.probe;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A stand-in for {@code nvidia-smi}: a {@code sh} script in a test directory that prints recorded fixtures (query,
 * compute capabilities, {@code -q}, {@code -L}) and the job usage query's current figures ({@link #usage}), logs its
 * arguments to {@code calls.log} and exits with a chosen status.
 */
public final class FakeNvidiaSmi {

    private static final String SCRIPT = """
            #!/bin/sh
            here=$(dirname "$0")
            echo "$*" >> "$here/calls.log"
            case "$1" in
              --query-gpu=index,compute_cap) cat "$here/caps.out"; exit %d ;;
              --query-gpu=uuid,utilization.gpu,memory.used) cat "$here/usage.out"; exit 0 ;;
              --query-gpu=*) %s ;;
              -q) cat "$here/details.out" ;;
              -L) cat "$here/list.out" ;;
              *) echo "unexpected arguments: $*" >&2; exit 2 ;;
            esac
            exit %d
            """;

    private final Path dir;
    private String query = "";
    private String details = "";
    private String list = "";
    private String caps = "";
    private int capsStatus;
    private int exitStatus;
    private boolean hang;

    private FakeNvidiaSmi(Path dir) {
        this.dir = dir;
    }

    public static FakeNvidiaSmi in(Path dir) {
        return new FakeNvidiaSmi(dir);
    }

    /** A recorded output under {@code src/test/resources/nvidia-smi/}. */
    public static String fixture(String name) {
        try (InputStream in = FakeNvidiaSmi.class.getResourceAsStream("/nvidia-smi/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FakeNvidiaSmi query(String fixtureName) {
        query = fixture(fixtureName);
        return this;
    }

    public FakeNvidiaSmi details(String fixtureName) {
        details = fixture(fixtureName);
        return this;
    }

    FakeNvidiaSmi list(String fixtureName) {
        list = fixture(fixtureName);
        return this;
    }

    /** The compute capability query's output and exit status (an old driver answers 2 with an error line). */
    public FakeNvidiaSmi caps(String fixtureName, int status) {
        caps = fixture(fixtureName);
        capsStatus = status;
        return this;
    }

    /** Replaces, at once for the next call, what the usage query prints (the figures of a running job). */
    public void usage(String csv) throws IOException {
        Path next = dir.resolve("usage.next");
        Files.writeString(next, csv);
        Files.move(next, dir.resolve("usage.out"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    FakeNvidiaSmi exitStatus(int status) {
        exitStatus = status;
        return this;
    }

    /** The query never answers. */
    FakeNvidiaSmi hang() {
        hang = true;
        return this;
    }

    /** Writes the script and its outputs; returns the script's path. */
    public Path install() throws IOException {
        Files.writeString(dir.resolve("query.out"), query);
        Files.writeString(dir.resolve("details.out"), details);
        Files.writeString(dir.resolve("list.out"), list);
        Files.writeString(dir.resolve("caps.out"), caps);
        Files.writeString(dir.resolve("usage.out"), "");
        String onQuery = hang ? "exec sleep 60" : "cat \"$here/query.out\"";
        Path script = dir.resolve("nvidia-smi");
        Files.writeString(script, SCRIPT.formatted(capsStatus, onQuery, exitStatus));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** The argument lines the script was called with, in order. */
    public List<String> calls() throws IOException {
        Path log = dir.resolve("calls.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }
}
