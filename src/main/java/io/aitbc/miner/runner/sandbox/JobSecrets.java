package io.aitbc.miner.runner.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * Hands named secrets to a job as files (D19): each run gets its own copy in {@code <tmp>/aitbc-<job>-<random>/}
 * (0700, files 0400) on a tmpfs, deleted when the job ends and swept at start-up. Secrets never go into environment
 * variables, arguments, results or logs (only their names are logged).
 */
@Startup
@ApplicationScoped
public class JobSecrets {

    /** The variable that gives a run its secrets folder; the sandbox hides the folder's contents in the output. */
    public static final String DIR_VARIABLE = "AITBC_SECRETS_DIR";

    private static final String PREFIX = "aitbc-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Optional<Path> source;
    private final Path tmp;

    @Inject
    public JobSecrets(SandboxConfig config) {
        this(config.jobSecretsDir(), config.jobSecretsTmpDir());
        sweep();
    }

    public JobSecrets(Optional<Path> source, Path tmp) {
        this.source = source;
        this.tmp = tmp;
    }

    /** A private folder holding a copy of each named secret; the caller deletes it when the job ends. */
    public Path stage(String jobId, List<String> names) throws IOException {
        Path from = source.orElseThrow(() -> new IOException("MINER_JOB_SECRETS_DIR is not set"));
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        Path dir = Files.createDirectory(tmp.resolve(PREFIX + jobId + "-" + HexFormat.of().formatHex(random)),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            for (String name : names) {
                Path secret = from.resolve(name);
                if (!Files.isRegularFile(secret) || !secret.normalize().startsWith(from.normalize())) {
                    throw new IOException("secret '" + name + "' is not mounted");
                }
                Path copy = Files.copy(secret, dir.resolve(name));
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("r--------"));
            }
            return dir;
        } catch (IOException | RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    /** Removes a run's secrets folder. */
    public void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            Log.warnf("Cannot remove the job secrets folder %s: %s", dir, e.getMessage());
        }
    }

    /** Removes the folders a stopped process left. */
    void sweep() {
        if (!Files.isDirectory(tmp)) {
            return;
        }
        try (Stream<Path> list = Files.list(tmp)) {
            list.filter(p -> p.getFileName().toString().startsWith(PREFIX))
                    .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).forEach(this::delete);
        } catch (IOException e) {
            Log.warnf("Cannot sweep job secrets under %s: %s", tmp, e.getMessage());
        }
    }
}
