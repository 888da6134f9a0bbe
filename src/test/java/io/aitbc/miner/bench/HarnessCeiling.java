package io.aitbc.miner.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.FakeOllama;
import io.aitbc.miner.sim.FakeOllamaOptions;
import io.aitbc.miner.sim.SimulatorOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

/**
 * The harness measured alone (issue 8: "the simulator must not be what limits the figure"): a minimal asynchronous
 * client that does what the agent does for each job, poll → generate at the fake Ollama → {@code /result}, with no
 * Redis, no scheduling and no fault tolerance, against the same simulator and fake Ollama as {@link BenchRun}. Its
 * jobs/s is the most any agent could reach on this machine with this harness.
 */
final class HarnessCeiling implements AutoCloseable {

    private static final String MINER = "ceiling-node";

    private final CoordinatorSimulator sim = CoordinatorSimulator
            .start(SimulatorOptions.builder().signing(false).rateLimits(false).build());
    private final FakeOllama ollama = FakeOllama.start(FakeOllamaOptions.defaults().models(BenchRun.MODEL)
            .generationTime(Duration.ZERO).tokens(1).loadDuration(Duration.ZERO));
    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http;

    HarnessCeiling(int loops) {
        http = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(loops));
    }

    /** Jobs per second for {@code jobs} jobs run by {@code loops} concurrent loops, with or without the generation. */
    double jobsPerSecond(int jobs, int loops, boolean generate) {
        send(sim.apiBase() + "/miners/register",
                new JsonObject().put("capabilities", new JsonObject()).put("concurrency", loops)).join();
        for (int i = 0; i < jobs; i++) {
            sim.submit(new JsonObject().put("type", "inference").put("model", BenchRun.MODEL).put("prompt", "c" + i));
        }
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int i = 0; i < loops; i++) {
            running.add(loop(generate, done));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    private CompletableFuture<Void> loop(boolean generate, AtomicInteger done) {
        return send(sim.apiBase() + "/miners/poll", new JsonObject().put("max_wait_seconds", 0)).thenCompose(job -> {
            if (job.length() == 0) {
                return CompletableFuture.completedFuture(null);
            }
            JsonObject polled = job.toJsonObject();
            CompletableFuture<Buffer> generation = generate ? send(ollama.url() + "/api/generate",
                    new JsonObject().put("model", BenchRun.MODEL)
                            .put("prompt", polled.getJsonObject("payload").getString("prompt")).put("stream", true))
                    : CompletableFuture.completedFuture(Buffer.buffer());
            return generation.thenCompose(out -> send(
                    sim.apiBase() + "/miners/" + polled.getString("job_id") + "/result",
                    new JsonObject().put("result", new JsonObject().put("output", "x").put("tokens_processed", 1))
                            .put("metrics", new JsonObject().put("duration_ms", 1))))
                    .thenCompose(ok -> {
                        done.incrementAndGet();
                        return loop(generate, done);
                    });
        });
    }

    private CompletableFuture<Buffer> send(String url, JsonObject body) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                .putHeader("X-Api-Key", SimulatorOptions.DEFAULT_API_KEY).putHeader("X-Miner-ID", MINER)
                .putHeader("Content-Type", "application/json").setTimeout(10_000);
        // body() is asked for in the same callback that gets the response: asked later, its data may be gone.
        return http.request(options)
                .compose(request -> request.send(body.toBuffer()).compose(HarnessCeiling::bodyIfOk))
                .toCompletionStage().toCompletableFuture();
    }

    private static Future<Buffer> bodyIfOk(HttpClientResponse response) {
        return response.body().compose(body -> response.statusCode() / 100 == 2 ? Future.succeededFuture(body)
                : Future.failedFuture("HTTP " + response.statusCode() + ": " + body));
    }

    @Override
    public void close() {
        http.close().toCompletionStage().toCompletableFuture().join();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        ollama.close();
        sim.close();
    }
}
