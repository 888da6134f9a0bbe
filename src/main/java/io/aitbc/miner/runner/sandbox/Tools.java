package io.aitbc.miner.runner.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The util-linux and coreutils programs of the trampoline, by absolute path (jobs get {@code PATH=/usr/bin:/bin}; the
 * agent never relies on its own {@code PATH}).
 */
record Tools(Optional<Path> setsid, Optional<Path> prlimit, Optional<Path> nice, Optional<Path> ionice,
        Optional<Path> unshare, Optional<Path> kill, Optional<Path> sh) {

    private static final List<Path> DIRS = List.of(Path.of("/usr/bin"), Path.of("/bin"), Path.of("/usr/sbin"),
            Path.of("/sbin"));

    static Tools find() {
        return new Tools(which("setsid"), which("prlimit"), which("nice"), which("ionice"), which("unshare"),
                which("kill"), which("sh"));
    }

    /** Whether processes can be started in their own group at all: what {@code cli} and {@code python} need. */
    boolean usable() {
        return setsid.isPresent() && nice.isPresent() && ionice.isPresent() && kill.isPresent();
    }

    private static Optional<Path> which(String name) {
        return DIRS.stream().map(dir -> dir.resolve(name)).filter(Files::isExecutable).findFirst();
    }
}
