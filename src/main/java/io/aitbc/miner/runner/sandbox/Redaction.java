package io.aitbc.miner.runner.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.quarkus.logging.Log;

/**
 * Hides a job's secrets (D19) in what its process prints: every line of every secret file it was handed (at least
 * {@value #MIN_BYTES} bytes long) becomes {@code [redacted]} in stdout and stderr as they stream, before the output is
 * cut to size, enters a result, an error message or a log line. Shorter lines hide nothing worth hiding and would blank
 * ordinary output.
 */
final class Redaction {

    static final int MIN_BYTES = 4;
    static final byte[] MARK = "[redacted]".getBytes(StandardCharsets.US_ASCII);
    static final Redaction NONE = new Redaction(List.of());

    private final List<byte[]> secrets;
    private final int longest;

    Redaction(List<byte[]> secrets) {
        this.secrets = secrets.stream().filter(s -> s.length >= MIN_BYTES)
                .sorted(Comparator.comparingInt((byte[] s) -> s.length).reversed()).toList();
        this.longest = this.secrets.stream().mapToInt(s -> s.length).max().orElse(0);
    }

    /** The secrets in a run's secrets folder ({@code AITBC_SECRETS_DIR}), or {@link #NONE} without one. */
    static Redaction ofSecretsIn(String dir) {
        if (dir == null) {
            return NONE;
        }
        List<byte[]> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            for (Path file : files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
                for (String line : Files.readString(file, StandardCharsets.ISO_8859_1).split("\n")) {
                    lines.add(line.strip().getBytes(StandardCharsets.ISO_8859_1));
                }
            }
        } catch (IOException e) {
            Log.warnf("Cannot read the job secrets in %s to hide them from its output: %s", dir, e.getMessage());
        }
        return new Redaction(lines);
    }

    /** {@code in} with every secret replaced as it is read. */
    InputStream filter(InputStream in) {
        return secrets.isEmpty() ? in : new Filtered(in);
    }

    /** Holds back the last {@code longest - 1} bytes read until it knows no secret starts in them. */
    private final class Filtered extends FilterInputStream {

        private byte[] pending = new byte[0];
        private byte[] ready = new byte[0];
        private int readyAt;
        private boolean ended;

        Filtered(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            while (readyAt == ready.length) {
                if (ended) {
                    return -1;
                }
                byte[] chunk = new byte[8192];
                int n = in.read(chunk);
                ended = n < 0;
                byte[] joined = Arrays.copyOf(pending, pending.length + Math.max(0, n));
                System.arraycopy(chunk, 0, joined, pending.length, Math.max(0, n));
                scan(joined);
            }
            int n = Math.min(length, ready.length - readyAt);
            System.arraycopy(ready, readyAt, into, offset, n);
            readyAt += n;
            return n;
        }

        private void scan(byte[] bytes) {
            int safeEnd = ended ? bytes.length : bytes.length - longest + 1;
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
            int i = 0;
            while (i < safeEnd) {
                byte[] secret = secretAt(bytes, i);
                if (secret == null) {
                    out.write(bytes[i++]);
                } else {
                    out.writeBytes(MARK);
                    i += secret.length;
                }
            }
            pending = Arrays.copyOfRange(bytes, Math.min(i, bytes.length), bytes.length);
            ready = out.toByteArray();
            readyAt = 0;
        }

        private byte[] secretAt(byte[] bytes, int at) {
            for (byte[] secret : secrets) {
                if (at + secret.length <= bytes.length
                        && Arrays.equals(bytes, at, at + secret.length, secret, 0, secret.length)) {
                    return secret;
                }
            }
            return null;
        }
    }
}
