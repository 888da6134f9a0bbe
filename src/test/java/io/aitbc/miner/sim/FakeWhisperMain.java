package io.aitbc.miner.sim;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link FakeWhisper} alone ({@code bin/fake-whisper}) until the process is stopped, so a node can try
 * {@code transcribe} jobs without a Whisper service.
 *
 * <p>
 * Arguments: {@code --port N} (default 8110, the aitbc-whisper port), {@code --api aitbc|openai} (default aitbc).
 */
public final class FakeWhisperMain {

    private FakeWhisperMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("options come in pairs: --port N --api aitbc|openai");
        }
        int port = 8110;
        FakeWhisper.Api api = FakeWhisper.Api.AITBC;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--api" -> api = FakeWhisper.Api.valueOf(args[i + 1].toUpperCase(Locale.ROOT));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        FakeWhisper fake = FakeWhisper.start(api, port);
        Runtime.getRuntime().addShutdownHook(new Thread(fake::close));
        System.out.println("fake Whisper (" + api.name().toLowerCase(Locale.ROOT) + " API) listening on " + fake.url());
        new CountDownLatch(1).await();
    }
}
