package io.aitbc.miner.runner.media;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.aitbc.miner.config.InvalidConfigException;
import io.aitbc.miner.runner.sandbox.Execution;
import io.aitbc.miner.runner.sandbox.LaunchSpec;
import io.aitbc.miner.runner.sandbox.Sandbox;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * The node's ffmpeg, found and tried once at start-up ({@code ffmpeg -version} through the sandbox, as jobs run it),
 * and the argv of a re-encode: the input may be read only by the file demuxers listed here, over the {@code file} and
 * {@code pipe} protocols, so a playlist (HLS, concat, DASH) inside it can name neither a local file nor a URL.
 */
@Startup
@ApplicationScoped
public class Ffmpeg {

    /** Demuxers allowed for the input: plain media containers, no playlists, no devices, no image sequences. */
    static final String DEMUXERS = "mov,mp4,m4a,3gp,matroska,webm,mp3,wav,w64,flac,ogg,aac,ac3,eac3,amr,aiff,caf,avi,"
            + "mpeg,mpegts,flv,asf";
    static final String INPUT = "input";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    private static final List<Path> FALLBACK_DIRS = List.of(Path.of("/usr/local/bin"), Path.of("/usr/bin"),
            Path.of("/bin"));

    private final Optional<Path> executable;
    private final Optional<String> version;
    private final String problem;

    @Inject
    public Ffmpeg(ReencodeConfig config, Sandbox sandbox) {
        if (config.timeout().isNegative() || config.timeout().isZero()) {
            throw new InvalidConfigException("MINER_REENCODE_TIMEOUT", "must be more than 0");
        }
        if (config.memory().asLongValue() < 64L << 20) {
            throw new InvalidConfigException("MINER_REENCODE_MEMORY", "must be at least 64M");
        }
        Optional<Path> found = locate(config.ffmpegPath(), Optional.ofNullable(System.getenv("PATH")).orElse(""));
        String why = found.isEmpty() ? "ffmpeg not found: '" + config.ffmpegPath() + "' (MINER_FFMPEG_PATH)"
                : !sandbox.facilities().processGroups() ? "no sandbox (setsid/nice/ionice/kill missing)" : null;
        Optional<String> answered = why == null ? version(found.get(), sandbox, config) : Optional.empty();
        this.executable = answered.isPresent() ? found : Optional.empty();
        this.version = answered;
        this.problem = why != null ? why : answered.isEmpty() ? found.get() + " -version did not answer" : "";
        if (answered.isPresent()) {
            Log.infof("ffmpeg %s at %s: reencode jobs enabled", answered.get(), found.get());
        } else {
            Log.infof("%s: reencode jobs fail with E_UNSUPPORTED", problem);
        }
    }

    /** The executable, when it answered {@code -version}. */
    Optional<Path> executable() {
        return executable;
    }

    /** What {@code ffmpeg -version} reported (e.g. {@code 5.1.9-0+deb12u1}), or empty. */
    public Optional<String> version() {
        return version;
    }

    /** Why {@code reencode} jobs cannot run here, or empty. */
    public Optional<String> problem() {
        return executable.isPresent() ? Optional.empty() : Optional.of(problem);
    }

    /**
     * The arguments that re-encode {@code input} (in the working directory) to {@code out/output.<ext>}, stopping at
     * {@code maxOutputBytes}.
     */
    static List<String> arguments(OutputFormat format, long maxOutputBytes) {
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-nostats",
                "-protocol_whitelist", "file,pipe", "-format_whitelist", DEMUXERS, "-i", INPUT));
        if (format.audioOnly()) {
            args.add("-vn");
        }
        args.addAll(List.of("-fs", Long.toString(maxOutputBytes), "-f", format.muxer(), "-y", output(format)));
        return args;
    }

    /** The output file, relative to the workspace. */
    static String output(OutputFormat format) {
        return "out/output." + format.extension();
    }

    private static Optional<String> version(Path exe, Sandbox sandbox, ReencodeConfig config) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("aitbc-ffmpeg-probe-");
            LaunchSpec spec = new LaunchSpec("ffmpeg-probe", exe, List.of("-hide_banner", "-version"),
                    Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8"), dir, new byte[0], PROBE_TIMEOUT,
                    OptionalLong.of(config.memory().asLongValue()), false);
            Execution run = sandbox.run(spec, pgid -> {
            });
            String first = run.stdout().text().lines().findFirst().orElse("");
            return run.exitCode() == 0 && first.startsWith("ffmpeg version ")
                    ? Optional.of(first.substring("ffmpeg version ".length()).split(" ")[0])
                    : Optional.empty();
        } catch (IOException e) {
            Log.warnf("Cannot run %s -version: %s", exe, e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (dir != null) {
                dir.toFile().delete();
            }
        }
    }

    /** Where the executable is: a name is looked up on {@code searchPath} and the usual folders, a path used as is. */
    static Optional<Path> locate(String configured, String searchPath) {
        try {
            if (configured.contains("/")) {
                return Optional.of(Path.of(configured)).filter(Files::isExecutable);
            }
            return Stream.concat(Stream.of(searchPath.split(File.pathSeparator)).filter(d -> !d.isEmpty())
                    .map(Path::of), FALLBACK_DIRS.stream()).map(dir -> dir.resolve(configured))
                    .filter(p -> !configured.isBlank() && Files.isRegularFile(p) && Files.isExecutable(p))
                    .findFirst();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
