package io.aitbc.miner.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.aitbc.miner.inference.BackendModels;
import io.aitbc.miner.sim.FakeOllama;
import io.aitbc.miner.sim.FakeOllamaOptions;
import io.vertx.core.Vertx;

class OllamaClientTest {

    private static Vertx vertx;
    private static FakeOllama ollama;
    private static OllamaClient client;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        ollama = FakeOllama.start(FakeOllamaOptions.defaults().models("llama3.2:3b", "llama3:latest", "phi3"));
        client = new OllamaClient(vertx, TestOllamaConfig.of(ollama.url()));
    }

    @AfterAll
    static void stop() {
        ollama.close();
        vertx.close();
    }

    @Test
    void modelsListBothFormsOfLatestNames() {
        BackendModels models = client.listModels();
        assertThat(models.reachable()).as("reachable").isTrue();
        assertThat(models.names()).containsExactly("llama3.2:3b", "llama3:latest", "llama3", "phi3", "phi3:latest");
        assertThat(models.models()).containsExactly("llama3.2:3b", "llama3:latest", "phi3");
    }

    @Test
    void unreachableOllamaGivesAnEmptyListAndSaysWhy() {
        ollama.stop();
        try {
            BackendModels models = client.listModels();

            assertThat(models.reachable()).isFalse();
            assertThat(models.names()).isEmpty();
            assertThat(models.problem()).hasValueSatisfying(problem -> assertThat(problem).isNotBlank());
            assertThat(client.listModels().names()).isEmpty();
        } finally {
            ollama.restart();
        }
    }

    @Test
    void modelNamesCompareUntaggedAsLatest() {
        assertThat(ModelNames.same("llama3", "llama3:latest")).isTrue();
        assertThat(ModelNames.same("llama3", "llama3:8b")).isFalse();
        assertThat(ModelNames.canonical("registry.local:5000/team/llama3")).isEqualTo(
                "registry.local:5000/team/llama3:latest");
    }
}
