package io.aitbc.miner.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.aitbc.miner.sim.FakeOllamaOptions.Fault;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

class FakeOllamaTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static FakeOllama ollama;

    @BeforeAll
    static void start() {
        ollama = FakeOllama.start(FakeOllamaOptions.defaults().generationTime(Duration.ofMillis(100)).tokens(4));
    }

    @AfterAll
    static void stop() {
        ollama.close();
    }

    @BeforeEach
    void reset() {
        ollama.options().fault(Fault.NONE).tokens(4).generationTime(Duration.ofMillis(100));
        ollama.clearRequests();
    }

    @Test
    void streamsChunksThenADoneLineAsOllamaDocumentsIt() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = generate("{\"model\":\"llama3.2:3b\",\"prompt\":\"Why?\",\"stream\":true}");
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        List<JsonObject> lines = response.body().lines().map(JsonObject::new).toList();
        assertThat(lines).hasSize(5);
        for (JsonObject chunk : lines.subList(0, 4)) {
            assertThat(chunk.fieldNames()).containsExactlyInAnyOrder("model", "created_at", "response", "done");
            assertThat(chunk.getBoolean("done")).isFalse();
        }
        JsonObject done = lines.get(4);
        assertThat(done.fieldNames()).containsExactlyInAnyOrder("model", "created_at", "response", "done",
                "done_reason", "context", "total_duration", "load_duration", "prompt_eval_count",
                "prompt_eval_duration", "eval_count", "eval_duration");
        assertThat(done.getBoolean("done")).isTrue();
        assertThat(done.getString("response")).isEmpty();
        assertThat(done.getLong("eval_count")).isEqualTo(4);
        assertThat(done.getLong("total_duration")).isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
        assertThat(String.join("", lines.stream().map(line -> line.getString("response")).toList()))
                .isEqualTo(FakeOllama.outputFor(4));
        assertThat(tookMs).as("never before the generation time").isGreaterThanOrEqualTo(100L);
        assertThat(ollama.requests()).singleElement().satisfies(r -> {
            assertThat(r.model()).isEqualTo("llama3.2:3b");
            assertThat(r.promptLength()).isEqualTo(4);
        });
    }

    @Test
    void tagsAndPsListModels() throws Exception {
        generate("{\"model\":\"llama3\",\"prompt\":\"hi\"}");
        JsonArray tags = new JsonObject(get("/api/tags").body()).getJsonArray("models");
        JsonArray ps = new JsonObject(get("/api/ps").body()).getJsonArray("models");

        assertThat(tags).hasSize(2);
        assertThat(tags.getJsonObject(0).fieldNames()).containsExactlyInAnyOrder("name", "model", "modified_at",
                "size", "digest", "details");
        assertThat(tags.getJsonObject(0).getString("digest")).hasSize(64);
        assertThat(ps.getJsonObject(0).getString("name")).isEqualTo("llama3:latest");
        assertThat(ps.getJsonObject(0).fieldNames()).contains("expires_at", "size_vram");
    }

    @Test
    void unknownModelIs404WithOllamasMessage() throws Exception {
        HttpResponse<String> response = generate("{\"model\":\"nope\",\"prompt\":\"hi\"}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(response.body()).getString("error"))
                .isEqualTo("model \"nope\" not found, try pulling it first");
    }

    @Test
    void faultsShapeTheAnswer() throws Exception {
        ollama.options().fault(Fault.HTTP_500);
        assertThat(generate("{\"model\":\"llama3.2:3b\",\"prompt\":\"hi\"}").statusCode()).isEqualTo(500);

        ollama.options().fault(Fault.OUT_OF_MEMORY);
        assertThat(generate("{\"model\":\"llama3.2:3b\",\"prompt\":\"hi\"}").body())
                .contains("requires more system memory");

        ollama.options().fault(Fault.ERROR_LINE);
        List<String> errorStream = generate("{\"model\":\"llama3.2:3b\",\"prompt\":\"hi\"}").body().lines().toList();
        assertThat(errorStream).hasSize(3);
        assertThat(new JsonObject(errorStream.get(2)).containsKey("error")).isTrue();

        ollama.options().fault(Fault.NO_DONE);
        List<String> noDone = generate("{\"model\":\"llama3.2:3b\",\"prompt\":\"hi\"}").body().lines().toList();
        assertThat(noDone).hasSize(4).noneMatch(line -> line.contains("\"done\":true"));
    }

    @Test
    void stoppedFakeRefusesConnectionsUntilRestarted() throws Exception {
        int port = ollama.port();
        ollama.stop();
        try {
            assertThat(org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                    () -> get("/api/tags"))).isNotNull();
        } finally {
            ollama.restart();
        }
        assertThat(ollama.port()).isEqualTo(port);
        assertThat(get("/api/tags").statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> generate(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(ollama.url() + "/api/generate"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(ollama.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
