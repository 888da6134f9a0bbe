package io.aitbc.miner.sim;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * The simulator's control API (JSON, its own port), for the demo and process-level tests. Numbers are printed as
 * Python does, so a receipt read here still verifies. Routes:
 * <ul>
 * <li>{@code GET /control/info}: {@code {api_base, public_key}}</li>
 * <li>{@code POST /control/jobs} {@code {payload, constraints?, ttl_seconds?}} → {@code {job_id}}</li>
 * <li>{@code GET /control/jobs} → {@code {jobs:[job...]}}; {@code GET /control/jobs/{id}} → a job with
 * {@code reports:[{kind, miner_id, at, body, receipt, receipt_json}]} (404 unknown)</li>
 * <li>{@code POST /control/jobs/{id}/cancel} → {@code {job_id, state}}</li>
 * <li>{@code GET /control/miners/{id}} → the miner (404 unknown)</li>
 * <li>{@code POST /control/reset} (miners and jobs), {@code POST /control/forget-miners}</li>
 * <li>{@code POST /control/faults} {@code {endpoint, kind: STATUS|DELAY|DROP|RATE_LIMIT, times?, status?, body?,
 * delay_ms?, retry_after?}}; {@code DELETE /control/faults}</li>
 * <li>{@code PUT /control/rate-limits} {@code {enabled, window_seconds?, limits?: {ENDPOINT: n}}}</li>
 * <li>{@code GET /control/summary} → {@code {states, multi_report_jobs, reports, receipts}}</li>
 * <li>{@code GET /control/requests} → {@code {requests:[{endpoint, path, at, status, miner_id, api_key,
 * authorization}]}}</li>
 * </ul>
 * Errors answer {@code 400 {"error": "..."}} or {@code 404}.
 */
final class ControlApi {

    private final Vertx vertx;
    private final CoordinatorSimulator sim;
    private HttpServer server;

    ControlApi(Vertx vertx, CoordinatorSimulator sim) {
        this.vertx = vertx;
        this.sim = sim;
    }

    int start(String host, int port) {
        server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            int status = 200;
            String answer;
            try {
                JsonNode json = body.length() == 0 ? PythonJson.object() : PythonJson.parse(body.toString());
                answer = route(req, json);
                if (answer == null) {
                    status = 404;
                    answer = "{\"error\":\"not found\"}";
                }
            } catch (RuntimeException e) {
                status = 400;
                answer = PythonJson.write(PythonJson.object().put("error", String.valueOf(e.getMessage())));
            }
            req.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(answer);
        }));
        return server.listen(port, host).toCompletionStage().toCompletableFuture().join().actualPort();
    }

    void stop() {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private String route(HttpServerRequest req, JsonNode body) {
        String[] s = req.path().replaceFirst("^/control/?", "").split("/");
        String route = req.method().name() + " " + s[0] + (s.length > 1 ? "/{id}" : "") + (s.length > 2 ? "/" + s[2] : "");
        return switch (route) {
            case "GET info" -> write(PythonJson.object().put("api_base", sim.apiBase()).put("public_key",
                    sim.publicKeyBase64Url()));
            case "POST jobs" -> write(PythonJson.object().put("job_id", sim.submit(body.get("payload"),
                    body.get("constraints"), body.has("ttl_seconds")
                            ? Duration.ofMillis((long) (body.get("ttl_seconds").asDouble() * 1000))
                            : null)));
            case "GET jobs" -> {
                ObjectNode out = PythonJson.object();
                ArrayNode jobs = out.putArray("jobs");
                sim.jobs().forEach(j -> jobs.add(job(j)));
                yield write(out);
            }
            case "GET jobs/{id}" -> sim.job(s[1]).map(j -> write(job(j))).orElse(null);
            case "POST jobs/{id}/cancel" -> sim.cancel(s[1])
                    ? write(PythonJson.object().put("job_id", s[1]).put("state", SimJobState.CANCELED.name()))
                    : null;
            case "GET miners/{id}" -> sim.miner(s[1]).map(ControlApi::miner).orElse(null);
            case "POST reset" -> ok(sim::resetDatabase);
            case "POST forget-miners" -> ok(sim::forgetMiners);
            case "POST faults" -> ok(() -> sim.faults().inject(Endpoint.valueOf(body.get("endpoint").asText()),
                    fault(body)));
            case "DELETE faults" -> ok(() -> sim.faults().clear());
            case "PUT rate-limits" -> ok(() -> sim.setRateLimits(body.path("enabled").asBoolean(true), limits(body),
                    Duration.ofMillis((long) (body.path("window_seconds").asDouble(60) * 1000))));
            case "GET summary" -> write(PythonJson.MAPPER.valueToTree(sim.summary()));
            case "GET requests" -> {
                ObjectNode out = PythonJson.object();
                ArrayNode list = out.putArray("requests");
                sim.requests().forEach(r -> list.addObject().put("endpoint", r.endpoint().name())
                        .put("path", r.path()).put("at", r.at().toString()).put("status", r.status())
                        .put("miner_id", r.minerId()).put("api_key", r.apiKeyPresent())
                        .put("authorization", r.authorizationPresent()));
                yield write(out);
            }
            default -> null;
        };
    }

    private static Fault fault(JsonNode body) {
        int times = body.path("times").asInt(1);
        return switch (Fault.Kind.valueOf(body.get("kind").asText())) {
            case STATUS -> Fault.status(body.path("status").asInt(500), body.path("body").asText(""), times);
            case DELAY -> Fault.delay(Duration.ofMillis(body.path("delay_ms").asLong(30_000)), times);
            case DROP -> Fault.dropAfterApply(times);
            case RATE_LIMIT -> Fault.rateLimitBurst(body.path("retry_after").asInt(60), times);
        };
    }

    private static Map<Endpoint, Integer> limits(JsonNode body) {
        Map<Endpoint, Integer> limits = new EnumMap<>(Endpoint.class);
        body.path("limits").properties().forEach(e -> limits.put(Endpoint.valueOf(e.getKey()), e.getValue().asInt()));
        return limits;
    }

    private static ObjectNode job(SimJob job) {
        ObjectNode out = PythonJson.object();
        out.put("job_id", job.id()).put("state", job.state().name()).put("assigned_miner", job.assignedMiner())
                .put("error", job.error()).put("requested_at", job.requestedAt().toString())
                .put("expires_at", job.expiresAt().toString());
        out.set("payload", job.payload());
        out.set("constraints", job.constraints());
        ArrayNode reports = out.putArray("reports");
        job.reports().forEach(r -> {
            ObjectNode report = reports.addObject().put("kind", r.kind().name()).put("miner_id", r.minerId())
                    .put("at", r.at().toString());
            report.set("body", r.body());
            report.set("receipt", r.receiptJson() == null ? report.nullNode() : r.receipt());
            report.put("receipt_json", r.receiptJson());
        });
        return out;
    }

    private static String miner(SimMiner m) {
        ObjectNode out = PythonJson.object().put("miner_id", m.id()).put("status", m.status())
                .put("inflight", m.inflight()).put("concurrency", m.concurrency()).put("region", m.region())
                .put("registrations", m.registrations())
                .put("last_heartbeat", m.lastHeartbeat() == null ? null : m.lastHeartbeat().toString());
        out.set("capabilities", m.capabilities());
        return write(out);
    }

    private static String ok(Runnable action) {
        action.run();
        return "{\"status\":\"ok\"}";
    }

    private static String write(JsonNode node) {
        return PythonJson.write(node);
    }
}
