package io.aitbc.miner.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Test media made by Debian's ffmpeg from its {@code lavfi} sources, and read back with its ffprobe: the same package
 * the agent runs.
 */
public final class MediaClips {

    private MediaClips() {
    }

    /**
     * What ffprobe says about a file.
     *
     * @param formatName the demuxer's names, e.g. {@code mov,mp4,m4a,3gp,3g2,mj2}
     * @param durationSeconds the duration
     * @param streams the codec types of its streams, e.g. {@code [audio]}
     */
    public record Probed(String formatName, double durationSeconds, List<String> streams) {
    }

    /** Whether {@code ffmpeg} and {@code ffprobe} are on the {@code PATH}. */
    public static boolean ffmpegInstalled() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).filter(d -> !d.isEmpty())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "ffmpeg")) && Files.isExecutable(Path.of(dir,
                        "ffprobe")));
    }

    /** A small MP4 clip: a 440 Hz tone (mono, 8 kHz, AAC) and a 64x48 test picture (H.264), {@code seconds} long. */
    public static byte[] clip(int seconds) {
        try {
            Path dir = Files.createTempDirectory("aitbc-clip-");
            Path clip = dir.resolve("clip.mp4");
            run("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                    "sine=frequency=440:sample_rate=8000:duration=" + seconds, "-f", "lavfi", "-i",
                    "testsrc=size=64x48:rate=5:duration=" + seconds, "-shortest", "-ac", "1", "-c:a", "aac", "-b:a",
                    "16k", "-c:v", "libx264", "-pix_fmt", "yuv420p", clip.toString());
            byte[] bytes = Files.readAllBytes(clip);
            Files.delete(clip);
            Files.delete(dir);
            return bytes;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code media} re-encoded by this machine's ffmpeg with {@code args} between the input and the output. */
    public static byte[] reencode(byte[] media, String... args) {
        try {
            Path dir = Files.createTempDirectory("aitbc-reencode-");
            Path in = Files.write(dir.resolve("in"), media);
            Path out = dir.resolve("out");
            List<String> argv = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-i",
                    in.toString()));
            argv.addAll(List.of(args));
            argv.add(out.toString());
            run(argv.toArray(String[]::new));
            byte[] bytes = Files.readAllBytes(out);
            Files.delete(in);
            Files.delete(out);
            Files.delete(dir);
            return bytes;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ffprobe's view of a file. */
    public static Probed probe(byte[] media) {
        try {
            Path file = Files.createTempFile("aitbc-probe-", ".bin");
            Files.write(file, media);
            String format = run("ffprobe", "-v", "error", "-show_entries", "format=format_name,duration", "-of",
                    "csv=p=0", file.toString()).strip();
            String streams = run("ffprobe", "-v", "error", "-show_entries", "stream=codec_type", "-of", "csv=p=0",
                    file.toString()).strip();
            Files.delete(file);
            int comma = format.lastIndexOf(',');
            return new Probed(format.substring(0, comma).replace("\"", ""),
                    Double.parseDouble(format.substring(comma + 1)), streams.lines().toList());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String run(String... argv) throws IOException {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(argv))).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(argv[0] + " failed: " + output);
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
