package io.aitbc.miner.coordinator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/**
 * The network calls with their fault tolerance (D1). {@code @Retry} only where repeating is harmless (register,
 * heartbeat, listing, deregister); poll, {@code /result} and {@code /fail} get a timeout and a circuit breaker, never a
 * retry. 4xx answers neither retry nor count as breaker failures.
 */
@ApplicationScoped
class CoordinatorCalls {

    private final CoordinatorRestClient rest;

    CoordinatorCalls(@RestClient CoordinatorRestClient rest) {
        this.rest = rest;
    }

    @Timeout(10_000)
    @Retry(maxRetries = 2, delay = 500, jitter = 250, retryOn = { CoordinatorUnavailableException.class,
            TimeoutException.class })
    String register(JsonNode body) {
        return safe(Endpoint.REGISTER, () -> rest.register(body));
    }

    @Timeout(10_000)
    @Retry(maxRetries = 2, delay = 500, jitter = 250, retryOn = { CoordinatorUnavailableException.class,
            TimeoutException.class })
    String heartbeat(JsonNode body) {
        return safe(Endpoint.HEARTBEAT, () -> rest.heartbeat(body));
    }

    @Timeout(10_000)
    @Retry(maxRetries = 2, delay = 500, jitter = 250, retryOn = { CoordinatorUnavailableException.class,
            TimeoutException.class })
    String jobs(String minerId, String status, int limit, int offset) {
        return safe(Endpoint.LIST_JOBS, () -> rest.jobs(minerId, status, limit, offset));
    }

    @Timeout(10_000)
    @Retry(maxRetries = 2, delay = 500, jitter = 250, retryOn = { CoordinatorUnavailableException.class,
            TimeoutException.class })
    String deregister(String minerId) {
        return safe(Endpoint.DEREGISTER, () -> rest.deregister(minerId));
    }

    @Timeout(10_000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.75, delay = 5_000, skipOn = {
            CoordinatorRejectedException.class, CoordinatorAuthException.class, RateLimitedException.class })
    String poll(JsonNode body) {
        return once(Endpoint.POLL, () -> rest.poll(body));
    }

    @Timeout(10_000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.75, delay = 5_000, skipOn = {
            CoordinatorRejectedException.class, CoordinatorAuthException.class, RateLimitedException.class })
    String result(String jobId, JsonNode body) {
        return once(Endpoint.RESULT, () -> rest.result(jobId, body));
    }

    @Timeout(10_000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.75, delay = 5_000, skipOn = {
            CoordinatorRejectedException.class, CoordinatorAuthException.class, RateLimitedException.class })
    String fail(String jobId, JsonNode body) {
        return once(Endpoint.FAIL, () -> rest.fail(jobId, body));
    }

    private static String safe(Endpoint endpoint, Call call) {
        return send(endpoint, call, true);
    }

    private static String once(Endpoint endpoint, Call call) {
        return send(endpoint, call, false);
    }

    private static String send(Endpoint endpoint, Call call, boolean safeToRepeat) {
        Response response;
        try {
            response = call.send().await().indefinitely();
        } catch (WebApplicationException e) {
            response = e.getResponse();
        } catch (RuntimeException e) {
            throw Answers.forTransport(endpoint, e, safeToRepeat);
        }
        return Answers.body(endpoint, response, safeToRepeat);
    }

    @FunctionalInterface
    private interface Call {
        Uni<Response> send();
    }
}
