package io.aitbc.miner.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the commands clients send to Redis with {@code MONITOR}: commands run inside Lua scripts are tagged
 * {@code lua} and left out, so the count is the client-side round trips (D36).
 */
final class RedisMonitor implements AutoCloseable {

    private final Socket socket;
    private final AtomicLong clientCommands = new AtomicLong();
    private final Thread reader;

    RedisMonitor(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
        reader = Thread.ofPlatform().daemon().name("redis-monitor").start(this::read);
    }

    long clientCommands() {
        return clientCommands.get();
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("+") && line.contains("[") && !line.contains(" lua]") && !line.contains("\"PING\"")) {
                    clientCommands.incrementAndGet();
                }
            }
        } catch (IOException e) {
            // the socket closes at the end of the run
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        reader.interrupt();
    }
}
