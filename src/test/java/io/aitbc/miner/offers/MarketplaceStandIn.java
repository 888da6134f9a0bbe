package io.aitbc.miner.offers;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * A stand-in for the AITBC marketplace service (apps/marketplace), written from aitbc-peer-features.md §5.2 and §8 on
 * plain Vert.x: the unauthenticated upsert {@code POST /v1/marketplace/offer} keyed by {@code plugin_id} (else
 * {@code <service_type>-<model>} with {@code :} and {@code /} as {@code -}) that copies every non-null body key naming
 * a column, prices kept as 8-decimal strings, the listing, one offer by id, its unauthenticated delete, and the rate
 * limit of 120 requests per 60 s per client ({@code 429} with {@code Retry-After: 60}).
 */
public final class MarketplaceStandIn implements AutoCloseable {

    /** The offer table's columns (MKT {@code domain/marketplace.py}); {@code deployment_type} is not one. */
    static final Set<String> COLUMNS = Set.of("plugin_id", "service_type", "model", "price", "price_unit", "offer_id",
            "endpoint", "public_endpoint", "health_url", "provider_address", "node_id", "gpu_name", "gpu_device",
            "gpu_uuid", "gpu_offer_id", "description", "status");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LIMIT = 120;
    private static final Duration WINDOW = Duration.ofSeconds(60);

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final Map<String, ObjectNode> offers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Long> window = new ArrayDeque<>();

    /**
     * One request as received.
     *
     * @param method the HTTP method
     * @param path the path
     * @param body the parsed body, or null
     * @param status the status answered
     */
    public record Request(String method, String path, JsonNode body, int status) {
    }

    private MarketplaceStandIn() throws Exception {
        server = vertx.createHttpServer().requestHandler(this::accept).listen(0, "127.0.0.1").toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Starts one on a free loopback port. */
    public static MarketplaceStandIn start() throws Exception {
        return new MarketplaceStandIn();
    }

    /** The root the agent is pointed at ({@code MINER_OFFERS_MARKETPLACE_URL}). */
    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** Every request, oldest first. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The upserts received, oldest first. */
    public List<Request> upserts() {
        return requests.stream().filter(r -> r.method().equals("POST")).toList();
    }

    /** One stored offer. */
    public Optional<JsonNode> offer(String pluginId) {
        return Optional.ofNullable(offers.get(pluginId)).map(JsonNode::deepCopy);
    }

    /** Forgets every offer, as a database reset does. */
    public void resetDatabase() {
        offers.clear();
    }

    private void accept(HttpServerRequest req) {
        req.body().onSuccess(buffer -> {
            JsonNode body = parse(buffer.toString(UTF_8));
            Answer answer = limited() ? new Answer(429, detail("Marketplace rate limit exceeded"))
                    : answer(req.method().name(), req.path(), req.getParam("service_type"), req.getParam("status"), body);
            requests.add(new Request(req.method().name(), req.path(), body, answer.status()));
            var response = req.response().setStatusCode(answer.status()).putHeader("Content-Type", "application/json");
            if (answer.status() == 429) {
                response.putHeader("Retry-After", "60");
            }
            response.end(answer.json().toString());
        });
    }

    private record Answer(int status, JsonNode json) {
    }

    private synchronized boolean limited() {
        long now = System.nanoTime();
        while (!window.isEmpty() && now - window.peekFirst() > WINDOW.toNanos()) {
            window.pollFirst();
        }
        if (window.size() >= LIMIT) {
            return true;
        }
        window.addLast(now);
        return false;
    }

    private Answer answer(String method, String path, String serviceType, String status, JsonNode body) {
        String prefix = "/v1/marketplace/offer";
        if (path.equals(prefix) && method.equals("POST")) {
            return upsert(body);
        }
        if (path.equals(prefix) && method.equals("GET")) {
            ObjectNode list = JSON.createObjectNode();
            var rows = offers.values().stream().filter(o -> serviceType == null
                    || serviceType.equals(o.path("service_type").asText()))
                    .filter(o -> status == null || status.equals(o.path("status").asText())).toList();
            rows.forEach(list.putArray("offers")::add);
            list.put("total", rows.size());
            return new Answer(200, list);
        }
        if (path.startsWith(prefix + "/")) {
            String id = path.substring(prefix.length() + 1);
            ObjectNode offer = method.equals("DELETE") ? offers.remove(id) : offers.get(id);
            return offer == null ? new Answer(404, detail("Offer not found"))
                    : new Answer(200, method.equals("DELETE") ? JSON.createObjectNode().put("deleted", id) : offer);
        }
        return new Answer(404, detail("Not Found"));
    }

    private Answer upsert(JsonNode body) {
        if (body == null || !body.path("service_type").isTextual() || !body.path("model").isTextual()
                || !body.path("price").isNumber()) {
            return new Answer(422, JSON.createObjectNode().set("detail", JSON.createArrayNode()
                    .add(JSON.createObjectNode().put("type", "missing").put("msg", "service_type, model, price"))));
        }
        String id = body.hasNonNull("plugin_id") ? body.get("plugin_id").asText()
                : (body.get("service_type").asText() + "-" + body.get("model").asText()).replace(':', '-')
                        .replace('/', '-');
        ObjectNode row = offers.computeIfAbsent(id, k -> JSON.createObjectNode().put("plugin_id", k));
        body.properties().stream().filter(f -> COLUMNS.contains(f.getKey()) && !f.getValue().isNull())
                .forEach(f -> row.set(f.getKey(), f.getValue().deepCopy()));
        row.put("price", body.get("price").decimalValue().setScale(8, RoundingMode.HALF_UP).toPlainString());
        row.put("updated_at", System.currentTimeMillis());
        return new Answer(200, JSON.createObjectNode().put("plugin_id", id).put("service_type", row.get("service_type")
                .asText()).put("model", row.get("model").asText()).put("status", row.path("status").asText("active")));
    }

    private static ObjectNode detail(String text) {
        return JSON.createObjectNode().put("detail", text);
    }

    private static JsonNode parse(String text) {
        try {
            return text.isBlank() ? null : JSON.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
