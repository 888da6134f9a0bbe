package io.aitbc.miner.allowlist;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * The allowlist package's facade: the current allowlist, re-read on any event in the directory and every
 * {@code MINER_ALLOWLIST_RESCAN_INTERVAL} when the files' content hash changed (D18). Problems (file and line) are
 * logged once per reading and kept for readiness data; a malformed file never stops the others from applying.
 */
@Startup
@ApplicationScoped
public class AllowlistRegistry {

    private final Path dir;
    private volatile Allowlist current = Allowlist.EMPTY;
    private volatile WatchService watcher;

    public AllowlistRegistry(AllowlistConfig config) {
        this.dir = config.dir();
        reload();
        watch();
    }

    /** The allowlist now in force. */
    public Allowlist current() {
        return current;
    }

    /** Problems of the files now read, for readiness data (they never make the agent unready, D26). */
    public List<AllowlistProblem> problems() {
        return current.problems();
    }

    /** The directory read. */
    public Path dir() {
        return dir;
    }

    /** Re-reads the directory now. */
    public synchronized void reload() {
        Allowlist next = AllowlistLoader.load(dir);
        Allowlist previous = current;
        current = next;
        if (!next.hash().equals(previous.hash())) {
            Log.infof("Allowlist %s: %d command(s), %d python module(s), %d problem(s)", dir, next.commands().size(),
                    next.modules().size(), next.problems().size());
            next.problems().forEach(p -> Log.warnf("Allowlist problem: %s", p));
        }
    }

    @Scheduled(every = "${miner.allowlist.rescan-interval:30s}", delayed = "${miner.allowlist.rescan-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void rescan() {
        if (!AllowlistLoader.hash(dir).equals(current.hash())) {
            reload();
        }
    }

    private void watch() {
        try {
            WatchService service = FileSystems.getDefault().newWatchService();
            dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
            watcher = service;
            Thread.ofVirtual().name("allowlist-watch").start(() -> events(service));
        } catch (IOException | RuntimeException e) {
            Log.infof("Allowlist directory %s not watched (%s): the periodic rescan picks up changes", dir,
                    e.getMessage());
        }
    }

    private void events(WatchService service) {
        try {
            while (true) {
                var key = service.take();
                key.pollEvents();
                reload();
                if (!key.reset()) {
                    Log.infof("Allowlist directory %s is gone: the periodic rescan takes over", dir);
                    return;
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Log.debug("Allowlist watcher stopped");
        }
    }

    @PreDestroy
    void close() throws IOException {
        WatchService service = watcher;
        if (service != null) {
            service.close();
        }
    }

    /** The first problem of a file, if any (for tests and operators). */
    Optional<AllowlistProblem> problemIn(String file) {
        return problems().stream().filter(p -> p.file().equals(file)).findFirst();
    }
}
