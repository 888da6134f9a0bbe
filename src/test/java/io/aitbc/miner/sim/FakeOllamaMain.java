package io.aitbc.miner.sim;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link FakeOllama} alone ({@code bin/fake-ollama}) until the process is stopped.
 *
 * <p>
 * Arguments: {@code --port N} (default 11435), {@code --models a,b}, {@code --generation-ms N}, {@code --tokens N},
 * {@code --fault NONE|HTTP_500|ERROR_LINE|NO_DONE|OUT_OF_MEMORY|STALL}.
 */
public final class FakeOllamaMain {

    private FakeOllamaMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("options come in pairs: --port N --models a,b --generation-ms N "
                    + "--tokens N --fault NAME");
        }
        FakeOllamaOptions options = FakeOllamaOptions.defaults().port(11435);
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--port" -> options.port(Integer.parseInt(value));
                case "--models" -> options.models(value.split(","));
                case "--generation-ms" -> options.generationTime(Duration.ofMillis(Long.parseLong(value)));
                case "--tokens" -> options.tokens(Integer.parseInt(value));
                case "--fault" -> options.fault(FakeOllamaOptions.Fault.valueOf(value));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        FakeOllama fake = FakeOllama.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(fake::close));
        System.out.println("fake Ollama listening on " + fake.url() + " with models " + options.models());
        new CountDownLatch(1).await();
    }
}
