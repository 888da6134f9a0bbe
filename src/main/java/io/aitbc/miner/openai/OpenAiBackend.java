package io.aitbc.miner.openai;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.config.InvalidConfigException;
import io.aitbc.miner.config.SecretFile;
import io.aitbc.miner.fetch.PinnedHttpClient;
import io.aitbc.miner.inference.Backend;
import io.aitbc.miner.inference.BackendModels;
import io.aitbc.miner.inference.Generation;
import io.aitbc.miner.inference.GenerationRequest;
import io.aitbc.miner.inference.InferenceBackend;
import io.aitbc.miner.inference.InferenceConfig;
import io.aitbc.miner.inference.InferenceException;
import io.aitbc.miner.inference.StreamCall;
import io.aitbc.miner.inference.StreamResults;
import io.aitbc.miner.job.ErrorCode;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * A long-running OpenAI-compatible server as an inference backend (decisions D40): vLLM's {@code vllm serve},
 * llama.cpp's {@code llama-server}, SGLang or TGI at {@code MINER_OPENAI_URL}. A job's model is mapped by
 * {@code MINER_MODEL_MAP} and must be listed by {@code /v1/models} (else {@code E_MODEL}, nothing sent); the
 * generation streams {@code POST /v1/completions} with the raw prompt and {@code max_tokens} always set. Dormant (no
 * client) unless {@code MINER_INFERENCE_BACKEND} names {@code openai}.
 */
@ApplicationScoped
public class OpenAiBackend implements InferenceBackend {

    /** How long the model listing may take. */
    static final Duration LIST_TIMEOUT = Duration.ofSeconds(5);
    /** Sampling options passed on from a job's {@code options}; any other option is not sent. */
    static final Set<String> SAMPLING = Set.of("temperature", "top_p", "top_k", "seed", "stop", "presence_penalty",
            "frequency_penalty");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Vertx vertx;
    private final ModelMap map;
    private final int maxTokens;
    private final Optional<String> authorization;
    private final PinnedHttpClient http;
    private final String pathPrefix;
    private volatile List<String> served = List.of();

    OpenAiBackend(Vertx vertx, OpenAiConfig config, ModelMapConfig models, InferenceConfig inference) {
        this.vertx = vertx;
        this.map = ModelMap.parse(models.map());
        this.maxTokens = inference.maxTokens();
        boolean used = inference.backend().contains(Backend.OPENAI);
        if (used && config.url().isEmpty()) {
            throw new InvalidConfigException("MINER_OPENAI_URL", "required when MINER_INFERENCE_BACKEND names openai");
        }
        this.authorization = used ? config.apiKeyFile().map(f -> "Bearer " + SecretFile.read(f,
                "MINER_OPENAI_API_KEY_FILE")) : Optional.empty();
        URI base = config.url().orElse(URI.create("http://127.0.0.1:8000"));
        this.pathPrefix = Optional.ofNullable(base.getPath()).orElse("").replaceAll("/+$", "").replaceAll("/v1$", "");
        this.http = used ? new PinnedHttpClient(vertx, clientOptions(base)) : null;
    }

    @Override
    public Backend kind() {
        return Backend.OPENAI;
    }

    @Override
    public BackendModels listModels() {
        if (http == null) {
            return BackendModels.unreachable("MINER_INFERENCE_BACKEND does not name openai");
        }
        try {
            List<String> ids = modelIds(get("/v1/models"));
            served = ids;
            return BackendModels.of(ids, map.names(ids));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return BackendModels.unreachable("interrupted while listing the server's models");
        } catch (ExecutionException e) {
            return unreachable(StreamCall.describe(e.getCause()));
        } catch (TimeoutException e) {
            return unreachable("no answer within " + LIST_TIMEOUT.toSeconds() + " s");
        } catch (IOException | RuntimeException e) {
            return unreachable("unreadable model list: " + StreamCall.describe(e));
        }
    }

    @Override
    public Generation generate(GenerationRequest request) throws InferenceException, InterruptedException {
        String model = map.served(request.model());
        if (!served.contains(model)) {
            BackendModels listing = listModels();
            if (!listing.reachable()) {
                throw new InferenceException(ErrorCode.E_RUNNER, "the OpenAI-compatible server cannot list its"
                        + " models: " + listing.problem().orElse("no answer"));
            }
            if (!served.contains(model)) {
                throw new InferenceException(ErrorCode.E_MODEL, "model '" + request.model() + "'"
                        + (map.mapped(request.model()) ? " (mapped to '" + model + "')" : "")
                        + " is not served by this node's OpenAI-compatible server");
            }
        }
        CompletionStream stream = new CompletionStream(vertx, MAPPER, model, request.firstTokenTimeout(),
                request.idleTimeout());
        Buffer body = Buffer.buffer(body(request, model).toString());
        http.request(options(HttpMethod.POST, "/v1/completions").putHeader(HttpHeaders.CONTENT_TYPE,
                "application/json"), connected -> stream.send(connected, body));
        return StreamResults.await(stream.result(), stream::cancel);
    }

    @PreDestroy
    void close() {
        if (http != null) {
            http.close();
        }
    }

    /** The {@code /v1/completions} body: raw prompt (a system prompt first), {@code max_tokens} always, usage asked. */
    ObjectNode body(GenerationRequest request, String model) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("model", model);
        body.put("prompt", request.system().map(system -> system + "\n\n").orElse("") + request.prompt());
        int asked = request.options().path("num_predict").asInt(0);
        body.put("max_tokens", asked > 0 ? asked : maxTokens);
        request.options().properties().stream().filter(option -> SAMPLING.contains(option.getKey()))
                .forEach(option -> body.set(option.getKey(), option.getValue()));
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        return body;
    }

    private JsonNode get(String path) throws InterruptedException, ExecutionException, TimeoutException, IOException {
        Buffer body = http.call(options(HttpMethod.GET, path), request -> request.send()
                .compose(PinnedHttpClient::okBody)).toCompletionStage().toCompletableFuture()
                .get(LIST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return MAPPER.readTree(body.getBytes());
    }

    private RequestOptions options(HttpMethod method, String path) {
        RequestOptions options = new RequestOptions().setMethod(method).setURI(pathPrefix + path);
        authorization.ifPresent(value -> options.putHeader(HttpHeaders.AUTHORIZATION, value));
        return options;
    }

    private static HttpClientOptions clientOptions(URI base) {
        boolean tls = "https".equalsIgnoreCase(base.getScheme());
        return new HttpClientOptions().setSsl(tls).setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort() > 0 ? base.getPort() : tls ? 443 : 80)
                .setConnectTimeout((int) LIST_TIMEOUT.toMillis()).setKeepAliveTimeout(20);
    }

    private static List<String> modelIds(JsonNode listing) {
        List<String> ids = new ArrayList<>();
        for (JsonNode model : listing.path("data")) {
            String id = model.path("id").asText("");
            if (!id.isBlank()) {
                ids.add(id);
            }
        }
        return ids;
    }

    private BackendModels unreachable(String reason) {
        Log.warnf("The OpenAI-compatible server cannot list its models (%s): its models are not offered", reason);
        return BackendModels.unreachable(reason);
    }
}
