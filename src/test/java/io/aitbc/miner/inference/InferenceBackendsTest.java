package io.aitbc.miner.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Routing by listing, jobs counted per backend, and a down backend's models withdrawn (D40, D41). */
class InferenceBackendsTest {

    private final BackendHealth health = new BackendHealth();
    private final Listed ollama = new Listed(Backend.OLLAMA, "llama3.2:3b", "shared:1b");
    private final Listed openai = new Listed(Backend.OPENAI, "Qwen/Qwen3-8B", "shared:1b");
    private final InferenceBackends backends = new InferenceBackends(List.of(ollama, openai), health);

    @Test
    void eachModelGoesToTheFirstBackendThatListsItAndAnUnknownOneToTheFirst() throws Exception {
        backends.refresh();

        backends.generate(request("Qwen/Qwen3-8B"));
        backends.generate(request("shared:1b"));
        backends.generate(request("nobody:7b"));

        assertThat(openai.asked).containsExactly("Qwen/Qwen3-8B");
        assertThat(ollama.asked).containsExactly("shared:1b", "nobody:7b");
    }

    @Test
    void aDownBackendLosesItsModelsAndItsSharedOnesGoElsewhere() throws Exception {
        for (int i = 0; i < BackendHealth.FAILURES_TO_STOP; i++) {
            health.failed(Backend.OLLAMA, "hung", List.of());
        }

        assertThat(backends.offeredModels()).containsExactly("Qwen/Qwen3-8B", "shared:1b");
        assertThat(backends.allDown()).isFalse();
        backends.generate(request("shared:1b"));
        assertThat(openai.asked).containsExactly("shared:1b");

        for (int i = 0; i < BackendHealth.FAILURES_TO_STOP; i++) {
            health.failed(Backend.OPENAI, "hung", List.of());
        }
        assertThat(backends.allDown()).as("no inference slot is worth polling for").isTrue();
        assertThat(health.succeeded(Backend.OLLAMA, "answered", List.of())).as("came back").isTrue();
        assertThat(backends.allDown()).isFalse();
        assertThat(backends.offeredModels()).containsExactly("llama3.2:3b", "shared:1b");
    }

    @Test
    void aBackendIsIdleOnlyWhileNoJobRunsOnIt() throws Exception {
        backends.refresh();
        ollama.hold = new CountDownLatch(1);
        Thread job = Thread.ofVirtual().start(() -> {
            try {
                backends.generate(request("llama3.2:3b"));
            } catch (InferenceException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(2)).until(() -> !backends.idle(Backend.OLLAMA));

        assertThat(backends.idle(Backend.OPENAI)).isTrue();
        ollama.hold.countDown();
        job.join();
        assertThat(backends.idle(Backend.OLLAMA)).isTrue();
    }

    private static GenerationRequest request(String model) {
        return new GenerationRequest(model, "hi", Optional.empty(), JsonNodeFactory.instance.objectNode(),
                Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    /** A backend that lists fixed models and answers every generation at once (or when released). */
    private static final class Listed implements InferenceBackend {
        private final Backend kind;
        private final List<String> models;
        private final List<String> asked = new ArrayList<>();
        private volatile CountDownLatch hold = new CountDownLatch(0);

        Listed(Backend kind, String... models) {
            this.kind = kind;
            this.models = List.of(models);
        }

        @Override
        public Backend kind() {
            return kind;
        }

        @Override
        public BackendModels listModels() {
            return BackendModels.of(models, models);
        }

        @Override
        public Generation generate(GenerationRequest request) throws InterruptedException {
            asked.add(request.model());
            hold.await();
            return new Generation(kind, "ok", request.model(), 1, 1, "stop", 1, Duration.ZERO, OptionalLong.empty(),
                    1.0);
        }
    }
}
