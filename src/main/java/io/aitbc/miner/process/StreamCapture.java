package io.aitbc.miner.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains one output stream of a job on its own thread, keeping at most {@code max} bytes: the head (stdout) or the
 * tail (stderr, where errors end up). The rest is counted, never stored.
 */
final class StreamCapture {

    private final byte[] kept;
    private final boolean head;
    private long total;

    private StreamCapture(int max, boolean head) {
        this.kept = new byte[max];
        this.head = head;
    }

    static StreamCapture head(int max) {
        return new StreamCapture(max, true);
    }

    static StreamCapture tail(int max) {
        return new StreamCapture(max, false);
    }

    /** Reads until end of stream (the job and every process holding the pipe ended). */
    void drain(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                append(buffer, n);
            }
        } catch (IOException e) {
            // the pipe closed under us when the process group was killed: what was read is kept
        }
    }

    private synchronized void append(byte[] buffer, int n) {
        for (int i = 0; i < n; i++) {
            if (head) {
                if (total < kept.length) {
                    kept[(int) total] = buffer[i];
                }
            } else if (kept.length > 0) {
                kept[(int) (total % kept.length)] = buffer[i];
            }
            total++;
        }
    }

    synchronized Captured result() {
        int size = (int) Math.min(total, kept.length);
        long dropped = total - size;
        byte[] bytes = new byte[size];
        if (head || total <= kept.length) {
            System.arraycopy(kept, 0, bytes, 0, size);
        } else {
            int start = (int) (total % kept.length);
            System.arraycopy(kept, start, bytes, 0, size - start);
            System.arraycopy(kept, 0, bytes, size - start, start);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (dropped == 0) {
            return new Captured(text, total, false);
        }
        return new Captured(head ? text + "\n…[cut: " + dropped + " more bytes]"
                : "[cut: " + dropped + " earlier bytes]…\n" + text, total, true);
    }
}
