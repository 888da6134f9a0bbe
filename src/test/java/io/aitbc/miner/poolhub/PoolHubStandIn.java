package io.aitbc.miner.poolhub;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * A stand-in for the AITBC pool hub (apps/pool-hub), written from aitbc-peer-features.md §4.2 and §8 on plain Vert.x
 * like the coordinator simulator: register unauthenticated (the key's SHA-256 kept only for a new miner id, the rest
 * overwritten without a key check), heartbeat and status by {@code Authorization: Bearer <key>} (case-sensitive),
 * found by the key's hash alone, pydantic's types ({@code base_price} a string, the heartbeat's figures integers, a
 * {@code null} latency refused) with FastAPI's error shapes. Tests read every request and can slow it down or reset
 * its database.
 */
public final class PoolHubStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final Map<String, ObjectNode> miners = new ConcurrentHashMap<>();
    private final Map<String, String> minerByKeyHash = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Duration delay = Duration.ZERO;

    /**
     * One request as received.
     *
     * @param path the path
     * @param authorization the {@code Authorization} header, or null
     * @param body the parsed body, or null
     * @param status the status answered
     */
    public record Request(String path, String authorization, JsonNode body, int status) {
    }

    private PoolHubStandIn() throws Exception {
        server = vertx.createHttpServer().requestHandler(this::accept).listen(0, "127.0.0.1").toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Starts one on a free loopback port. */
    public static PoolHubStandIn start() throws Exception {
        return new PoolHubStandIn();
    }

    /** The root the agent is pointed at ({@code MINER_POOL_HUB_URL}). */
    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** Every request received, oldest first. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests to {@code path}, oldest first. */
    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The stored row of a miner: its registration and what the last heartbeat set. */
    public Optional<JsonNode> miner(String minerId) {
        return Optional.ofNullable(miners.get(minerId)).map(JsonNode::deepCopy);
    }

    /** Answers every request only after {@code wait} (a pool hub that hangs). */
    public void delay(Duration wait) {
        this.delay = wait;
    }

    /** Forgets every miner, as a database reset does. */
    public void resetDatabase() {
        miners.clear();
        minerByKeyHash.clear();
    }

    /** Forgets the requests seen so far. */
    public void clearRequests() {
        requests.clear();
    }

    private void accept(HttpServerRequest req) {
        req.body().onSuccess(buffer -> {
            JsonNode body = parse(buffer.toString(UTF_8));
            Answer answer = answer(req.method().name() + " " + req.path(), req.getHeader("Authorization"), body);
            requests.add(new Request(req.path(), req.getHeader("Authorization"), body, answer.status()));
            long wait = delay.toMillis();
            Runnable send = () -> req.response().setStatusCode(answer.status()).putHeader("Content-Type", "application/json")
                    .end(answer.json().toString());
            if (wait > 0) {
                vertx.setTimer(wait, t -> send.run());
            } else {
                send.run();
            }
        });
    }

    private record Answer(int status, JsonNode json) {
    }

    private Answer answer(String route, String authorization, JsonNode body) {
        return switch (route) {
            case "POST /v1/miners/register" -> register(body);
            case "POST /v1/miners/heartbeat" -> authorized(authorization, miner -> heartbeat(miner, body));
            case "GET /v1/miners/status" -> authorized(authorization, this::status);
            default -> new Answer(404, JSON.createObjectNode().put("detail", "Not Found"));
        };
    }

    private Answer register(JsonNode body) {
        List<JsonNode> errors = new ArrayList<>();
        Types.require(body, "miner_id", Types.STRING, errors);
        Types.require(body, "api_key", Types.STRING, errors);
        Types.optional(body, List.of("addr", "proto", "base_price", "region", "chain_id"), Types.STRING, errors);
        Types.optional(body, List.of("gpu_vram_gb", "ram_gb"), Types.FLOAT, errors);
        Types.optional(body, List.of("cpu_cores", "max_parallel"), Types.INT, errors);
        Types.optional(body, List.of("tags"), Types.DICT, errors);
        Types.optional(body, List.of("capabilities"), Types.STRING_LIST, errors);
        if (!errors.isEmpty()) {
            return unprocessable(errors);
        }
        String id = body.get("miner_id").asText();
        ObjectNode row = miners.computeIfAbsent(id, k -> {
            minerByKeyHash.put(sha256(body.get("api_key").asText()), id);
            return JSON.createObjectNode().put("miner_id", id);
        });
        body.properties().stream().filter(f -> !f.getKey().equals("api_key"))
                .forEach(f -> row.set(f.getKey(), f.getValue().deepCopy()));
        return new Answer(200, JSON.createObjectNode().put("success", true).put("miner_id", id).put("created", true));
    }

    private Answer heartbeat(ObjectNode miner, JsonNode body) {
        List<JsonNode> errors = new ArrayList<>();
        JsonNode b = body == null ? JSON.createObjectNode() : body;
        Types.optional(b, List.of("status"), Types.STRING, errors);
        Types.optional(b, List.of("current_jobs", "gpu_utilization", "memory_used", "memory_total"), Types.INT, errors);
        Types.optional(b, List.of("network_latency_ms"), Types.FLOAT, errors);
        if (b.has("network_latency_ms") && b.get("network_latency_ms").isNull()) {
            errors.add(Types.error("float_type", "network_latency_ms", "Input should be a valid number"));
        }
        if (!errors.isEmpty()) {
            return unprocessable(errors);
        }
        String status = b.path("status").asText("active");
        int jobs = b.path("current_jobs").asInt(0);
        miner.put("last_seen_at", Instant.now().toString()).put("queue_len", jobs)
                .put("busy", !"active".equals(status) || jobs > 0)
                .put("avg_latency_ms", (int) b.path("network_latency_ms").asDouble(0));
        long total = b.path("memory_total").asLong(0);
        if (total != 0) {
            miner.put("mem_free_gb", (total - b.path("memory_used").asLong(0)) / 1024.0);
        }
        return new Answer(200, JSON.createObjectNode().put("success", true).put("miner_id", miner.get("miner_id").asText()));
    }

    private Answer status(ObjectNode miner) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("miner_id", miner.get("miner_id").asText());
        answer.set("last_seen_at", miner.path("last_seen_at").isMissingNode() ? answer.nullNode() : miner.get("last_seen_at"));
        answer.put("addr", miner.path("addr").asText("localhost"));
        answer.set("capabilities", miner.path("capabilities").isMissingNode() ? JSON.createArrayNode()
                : miner.get("capabilities"));
        return new Answer(200, answer);
    }

    private Answer authorized(String authorization, Function<ObjectNode, Answer> handler) {
        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() == 7) {
            return new Answer(401, JSON.createObjectNode().put("detail", "Missing or malformed Authorization header"));
        }
        String id = minerByKeyHash.get(sha256(authorization.substring(7)));
        ObjectNode miner = id == null ? null : miners.get(id);
        if (miner == null) {
            return new Answer(401, JSON.createObjectNode().put("detail", "Invalid or unknown API key"));
        }
        return handler.apply(miner);
    }

    private static Answer unprocessable(List<JsonNode> errors) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode detail = root.putArray("detail");
        errors.forEach(detail::add);
        return new Answer(422, root);
    }

    private static JsonNode parse(String text) {
        try {
            return text.isBlank() ? null : JSON.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
