package io.aitbc.miner.ollama;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.inference.Backend;
import io.aitbc.miner.inference.BackendModels;
import io.aitbc.miner.inference.Generation;
import io.aitbc.miner.inference.GenerationRequest;
import io.aitbc.miner.inference.InferenceBackend;
import io.aitbc.miner.inference.InferenceConfig;
import io.aitbc.miner.inference.InferenceException;
import io.aitbc.miner.job.ErrorCode;
import io.quarkus.logging.Log;

/**
 * Ollama as an inference backend, used the way it breaks least (decisions D14, D41): every request carries the
 * model's configured allocation options and {@code keep_alive}, so no job reloads a model; a prompt that cannot fit
 * the configured {@code num_ctx} is refused before it is sent, and an answer whose {@code prompt_eval_count} shows
 * that Ollama truncated the prompt fails; another model than the one asked for is never accepted.
 */
@ApplicationScoped
public class OllamaBackend implements InferenceBackend {

    /**
     * Characters one token covers at most, for the refusal before sending: no tokenizer in use averages more on text
     * (about 4 on English), so a prompt longer than this many characters per token of {@code num_ctx} cannot fit.
     */
    static final int MAX_CHARS_PER_TOKEN = 8;
    private static final long NANOS_PER_MS = 1_000_000L;

    private final OllamaClient client;
    private final OllamaConfig config;
    private final ModelOptions modelOptions;
    private final Duration preloadTimeout;

    public OllamaBackend(OllamaClient client, OllamaConfig config, InferenceConfig inference) {
        this.client = client;
        this.config = config;
        this.modelOptions = ModelOptions.parse(config.modelOptions());
        this.preloadTimeout = inference.firstTokenTimeout();
    }

    @Override
    public Backend kind() {
        return Backend.OLLAMA;
    }

    @Override
    public BackendModels listModels() {
        return client.listModels();
    }

    @Override
    public List<String> loadedModels() {
        return client.loadedModels();
    }

    @Override
    public void warmUp() throws InterruptedException {
        for (String model : config.preload().orElse(List.of())) {
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("model", model);
            body.set("options", modelOptions.forModel(model));
            body.put("keep_alive", keepAlive()).put("stream", true);
            try {
                client.generate(model, body, preloadTimeout, preloadTimeout);
                Log.infof("Ollama model %s preloaded (MINER_OLLAMA_PRELOAD)", model);
            } catch (InferenceException e) {
                Log.warnf("Ollama model %s could not be preloaded: %s %s", model, e.code(), e.getMessage());
            }
        }
    }

    @Override
    public Generation generate(GenerationRequest request) throws InferenceException, InterruptedException {
        OptionalInt numCtx = modelOptions.numCtx(request.model());
        long promptChars = request.prompt().length() + request.system().map(String::length).orElse(0);
        if (numCtx.isPresent() && promptChars > (long) numCtx.getAsInt() * MAX_CHARS_PER_TOKEN) {
            throw new InferenceException(ErrorCode.E_BADJOB, "prompt longer than the model's context: " + promptChars
                    + " characters cannot fit in num_ctx " + numCtx.getAsInt() + " tokens");
        }
        OllamaAnswer answer = client.generate(request.model(), body(request), request.firstTokenTimeout(),
                request.idleTimeout());
        JsonNode done = answer.done();
        String answered = done.path("model").asText(request.model());
        if (!ModelNames.same(answered, request.model())) {
            throw new InferenceException(ErrorCode.E_MODEL,
                    "Ollama answered with model '" + answered + "' instead of '" + request.model() + "'");
        }
        long promptTokens = done.path("prompt_eval_count").asLong(0);
        if (numCtx.isPresent() && promptTokens >= numCtx.getAsInt()) {
            throw new InferenceException(ErrorCode.E_BADJOB, "prompt truncated by the model's context: Ollama"
                    + " evaluated " + promptTokens + " prompt tokens of num_ctx " + numCtx.getAsInt());
        }
        long evalCount = done.path("eval_count").asLong(0);
        long evalNanos = done.path("eval_duration").asLong(0);
        return new Generation(Backend.OLLAMA, answer.output(), answered, promptTokens, evalCount,
                done.path("done_reason").asText("stop"), answer.elapsedNanos(), answer.firstChunk(),
                OptionalLong.of(done.path("load_duration").asLong(0) / NANOS_PER_MS),
                evalNanos > 0 ? evalCount * 1e9 / evalNanos : 0.0);
    }

    /** The streaming {@code /api/generate} body: the job's options, then the model's allocation options over them. */
    private ObjectNode body(GenerationRequest request) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("model", request.model());
        body.put("prompt", request.prompt());
        request.system().ifPresent(text -> body.put("system", text));
        ObjectNode options = request.options().deepCopy();
        options.setAll(modelOptions.forModel(request.model()));
        if (!options.isEmpty()) {
            body.set("options", options);
        }
        body.put("keep_alive", keepAlive());
        body.put("stream", true);
        return body;
    }

    private String keepAlive() {
        return config.keepAlive().toSeconds() + "s";
    }
}
