package io.aitbc.miner.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * The miner API's HTTP side: routing, the coordinator's middlewares (scanner block, body size, authentication,
 * validation, rate limits), request ids, faults and the request log. Semantics are in {@link MinerApi}.
 */
final class ApiServer {

    static final int MAX_BODY = 10 * 1024 * 1024;
    private static final List<String> SCANNERS = List.of("sqlmap", "nmap", "nikto", "burp");

    private final Vertx vertx;
    private final MinerApi api;
    private final RateLimiter limiter;
    private final Faults faults;
    private final List<byte[]> apiKeys;
    /** Every request answered; appended on each request, copied only when read (a copy-on-write list is quadratic). */
    final List<RequestRecord> log = Collections.synchronizedList(new ArrayList<>());
    private HttpServer server;

    ApiServer(Vertx vertx, MinerApi api, RateLimiter limiter, Faults faults, List<String> apiKeys) {
        this.vertx = vertx;
        this.api = api;
        this.limiter = limiter;
        this.faults = faults;
        this.apiKeys = apiKeys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    }

    int start(String host, int port) {
        server = vertx.createHttpServer().requestHandler(this::accept);
        return server.listen(port, host).toCompletionStage().toCompletableFuture().join().actualPort();
    }

    void stop() {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** A routed request: endpoint and the id in the path. */
    private record Route(Endpoint endpoint, String pathId) {
    }

    static Route route(HttpMethod method, String path) {
        if (path.equals("/health")) {
            return new Route(method == HttpMethod.GET ? Endpoint.HEALTH : Endpoint.NOT_FOUND, null);
        }
        if (path.equals("/v1/health/live") || path.equals("/v1/health/ready")) {
            return new Route(method != HttpMethod.GET ? Endpoint.NOT_FOUND
                    : path.endsWith("live") ? Endpoint.HEALTH_LIVE : Endpoint.HEALTH_READY, null);
        }
        String[] s = path.startsWith("/v1/miners/") ? path.substring("/v1/miners/".length()).split("/", -1)
                : new String[0];
        String verb = method.name() + " " + s.length;
        Endpoint endpoint = switch (verb) {
            case "POST 1" -> switch (s[0]) {
                case "register" -> Endpoint.REGISTER;
                case "heartbeat" -> Endpoint.HEARTBEAT;
                case "poll" -> Endpoint.POLL;
                default -> Endpoint.NOT_FOUND;
            };
            case "DELETE 1" -> Endpoint.DEREGISTER;
            case "POST 2" -> switch (s[1]) {
                case "result" -> Endpoint.RESULT;
                case "fail" -> Endpoint.FAIL;
                case "jobs" -> Endpoint.LIST_JOBS;
                case "earnings" -> Endpoint.EARNINGS;
                default -> Endpoint.NOT_FOUND;
            };
            case "PUT 2" -> "capabilities".equals(s[1]) ? Endpoint.CAPABILITIES : Endpoint.NOT_FOUND;
            case "POST 4" -> "jobs".equals(s[1]) && "fail".equals(s[3]) ? Endpoint.JOB_FAIL : Endpoint.NOT_FOUND;
            default -> Endpoint.NOT_FOUND;
        };
        return new Route(endpoint, s.length > 0 && !s[0].isEmpty() ? s[0] : null);
    }

    private void accept(HttpServerRequest req) {
        long started = System.nanoTime();
        Instant at = Instant.now();
        Route route = route(req.method(), req.path());
        req.body().onSuccess(body -> {
            Optional<Fault> fault = faults.take(route.endpoint());
            SimResponse response = answerOr500(req, route, body, fault);
            log.add(new RequestRecord(route.endpoint(), req.path(), at, response.status(), req.getHeader("X-Miner-ID"),
                    req.getHeader("X-Api-Key") != null, req.getHeader("Authorization") != null,
                    route.endpoint() == Endpoint.RESULT ? teeQuote(body) : null));
            Fault.Kind kind = fault.map(Fault::kind).orElse(null);
            if (kind == Fault.Kind.DROP) {
                req.connection().close();
            } else if (kind == Fault.Kind.DELAY) {
                vertx.setTimer(Math.max(1, fault.get().delay().toMillis()), t -> send(req, response, started));
            } else {
                send(req, response, started);
            }
        }).onFailure(e -> req.connection().close());
    }

    private static String teeQuote(Buffer body) {
        try {
            JsonNode quote = PythonJson.parse(body.toString(StandardCharsets.UTF_8)).path("tee_quote");
            return quote.isTextual() ? quote.asText() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The answer, or the coordinator's unhandled-error 500 if building it throws (never a request left hanging). */
    private SimResponse answerOr500(HttpServerRequest req, Route route, Buffer body, Optional<Fault> fault) {
        try {
            return answer(req, route, body, fault);
        } catch (RuntimeException e) {
            System.getLogger(ApiServer.class.getName()).log(System.Logger.Level.ERROR, "Unhandled error", e);
            return SimResponse.internalError(req.path());
        }
    }

    private SimResponse answer(HttpServerRequest req, Route route, Buffer body, Optional<Fault> fault) {
        String agent = req.getHeader("User-Agent");
        if (agent != null && SCANNERS.stream().anyMatch(agent.toLowerCase(Locale.ROOT)::contains)) {
            return SimResponse.detail(403, "Access denied");
        }
        if (body.length() > MAX_BODY) {
            return SimResponse.detail(413, "Request entity too large");
        }
        if (fault.isPresent() && fault.get().kind() == Fault.Kind.STATUS) {
            return SimResponse.json(fault.get().status(), fault.get().body());
        }
        if (fault.isPresent() && fault.get().kind() == Fault.Kind.RATE_LIMIT) {
            return SimResponse.rateLimited(fault.get().retryAfterSeconds());
        }
        return switch (route.endpoint()) {
            case HEALTH -> SimResponse.json(200, "{\"status\":\"ok\",\"env\":\"simulator\"}");
            case HEALTH_LIVE -> SimResponse.json(200, "{\"status\":\"alive\"}");
            case HEALTH_READY -> SimResponse.json(200, "{\"status\":\"ready\",\"database\":\"connected\"}");
            case NOT_FOUND -> SimResponse.detail(404, "Not Found");
            default -> authenticated(req, route, body.toString(StandardCharsets.UTF_8));
        };
    }

    private SimResponse authenticated(HttpServerRequest req, Route route, String text) {
        if (req.getHeader("Authorization") != null) {
            return SimResponse.detail(401, "Invalid token");
        }
        String key = req.getHeader("X-Api-Key");
        if (key == null) {
            return SimResponse.detail(401, "Authentication required");
        }
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        if (apiKeys.stream().noneMatch(k -> MessageDigest.isEqual(k, keyBytes))) {
            return SimResponse.detail(401, "Invalid API key");
        }
        JsonNode body = null;
        if (route.endpoint().needsBody()) {
            Optional<SimResponse> invalid = Validation.checkBody(route.endpoint(), req.getHeader("Content-Type"), text);
            if (invalid.isPresent()) {
                return invalid.get();
            }
            body = PythonJson.parse(text);
        }
        String ip = req.remoteAddress() == null ? "unknown" : req.remoteAddress().hostAddress();
        if (!limiter.allow(route.endpoint(), ip)) {
            return SimResponse.rateLimited(60);
        }
        if (route.endpoint() == Endpoint.JOB_FAIL) {
            return SimResponse.internalError(req.path());
        }
        String minerId = req.getHeader("X-Miner-ID");
        return api.handle(new MinerApi.Call(route.endpoint(), req.path(), minerId != null ? minerId : key,
                route.pathId(), body, req::getParam));
    }

    private void send(HttpServerRequest req, SimResponse response, long started) {
        if (req.response().closed()) {
            return; // the client gave up (a delay fault past its timeout)
        }
        var out = req.response().setStatusCode(response.status());
        String requestId = req.getHeader("X-Request-ID");
        out.putHeader("X-Request-ID", requestId != null ? requestId : UUID.randomUUID().toString());
        out.putHeader("X-Process-Time", String.format(Locale.ROOT, "%.6f", (System.nanoTime() - started) / 1e9));
        response.headers().forEach(out::putHeader);
        if (response.body() == null) {
            out.end();
        } else {
            out.putHeader("Content-Type", "application/json");
            out.end(response.body());
        }
    }
}
