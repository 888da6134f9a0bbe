package io.aitbc.miner.workspace;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.job.JobIds;
import io.quarkus.logging.Log;

/**
 * The workspace package's facade: per-job folders under {@code MINER_WORKSPACE_DIR}, named only by a valid job id
 * (D5), so a hostile id such as {@code ../../etc} never leaves the folder; the free-disk check before a job starts;
 * and the clean-up once its outcome is built, keeping failed ones when {@code MINER_WORKSPACE_KEEP_FAILED} is set.
 */
@ApplicationScoped
public class Workspaces {

    private final Path root;
    private final boolean keepFailed;
    private final long minFree;

    public Workspaces(WorkspaceConfig config) {
        this.root = config.dir().toAbsolutePath().normalize();
        this.keepFailed = config.keepFailed();
        this.minFree = config.minFree().asLongValue();
    }

    /** A fresh, empty folder for the job (what an earlier attempt left is removed first). */
    public Workspace create(String jobId) throws IOException {
        if (!JobIds.valid(jobId)) {
            throw new IllegalArgumentException("job id is not [A-Za-z0-9_-]{1,64}");
        }
        Path dir = root.resolve(jobId).normalize();
        if (!dir.getParent().equals(root)) {
            throw new IllegalArgumentException("job id leaves the workspace folder");
        }
        Files.createDirectories(root);
        deleteTree(dir);
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createDirectory(dir.resolve("out"));
        Files.createDirectory(dir.resolve("tmp"));
        return new Workspace(jobId, dir);
    }

    /** Removes the job's folder, unless it failed and failed folders are kept. */
    public void release(Workspace workspace, boolean failed) {
        if (failed && keepFailed) {
            Log.infof("Workspace of failed job %s kept at %s", workspace.jobId(), workspace.dir());
            return;
        }
        try {
            deleteTree(workspace.dir());
        } catch (IOException e) {
            Log.warnf("Cannot remove workspace %s: %s", workspace.dir(), e.getMessage());
        }
    }

    /** Why no job should start now (too little free disk), or empty. */
    public Optional<String> diskProblem() {
        try {
            Files.createDirectories(root);
            long free = Files.getFileStore(root).getUsableSpace();
            return free >= minFree ? Optional.empty()
                    : Optional.of("only " + (free >> 20) + " MiB free under " + root
                            + ", below MINER_WORKSPACE_MIN_FREE (" + (minFree >> 20) + " MiB)");
        } catch (IOException e) {
            return Optional.of("workspace folder " + root + " unusable: " + e.getMessage());
        }
    }

    /**
     * How many bytes jobs may still write under the workspace folder before its file system falls below
     * {@code MINER_WORKSPACE_MIN_FREE}; 0 when it already has, or when the folder is unusable.
     */
    public long room() {
        try {
            Files.createDirectories(root);
            return Math.max(0, Files.getFileStore(root).getUsableSpace() - minFree);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Deletes a tree without following symbolic links (a link is removed, never its target). */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
