package io.aitbc.miner.coordinator;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.http.HttpMethod;

/**
 * The network calls with their fault tolerance (D1), written out rather than intercepted (issue 19). Calls that are
 * harmless to repeat (register, heartbeat, listing, deregister) are retried twice after 500 ± 250 ms when the
 * coordinator is unavailable or does not answer in time; poll, {@code /result} and {@code /fail} are sent once, each
 * behind its own {@link CircuitBreaker}. 4xx answers neither retry nor count as breaker failures. Every call gets the
 * transport's timeouts ({@link CoordinatorHttp}).
 */
@ApplicationScoped
class CoordinatorCalls {

    static final int RETRIES = 2;
    static final long RETRY_DELAY_MS = 500;
    static final long RETRY_JITTER_MS = 250;

    private final CoordinatorHttp http;
    private final Map<Endpoint, CircuitBreaker> breakers = new EnumMap<>(Endpoint.class);

    CoordinatorCalls(CoordinatorHttp http) {
        this.http = http;
        for (Endpoint endpoint : new Endpoint[] { Endpoint.POLL, Endpoint.RESULT, Endpoint.FAIL }) {
            breakers.put(endpoint, new CircuitBreaker(System::nanoTime));
        }
    }

    String register(String body) throws InterruptedException {
        return safe(Endpoint.REGISTER, HttpMethod.POST, "/miners/register", body);
    }

    String heartbeat(String body) throws InterruptedException {
        return safe(Endpoint.HEARTBEAT, HttpMethod.POST, "/miners/heartbeat", body);
    }

    String jobs(String minerId, String status, int limit, int offset) throws InterruptedException {
        return safe(Endpoint.LIST_JOBS, HttpMethod.POST, "/miners/" + CoordinatorHttp.segment(minerId)
                + "/jobs?job_status=" + CoordinatorHttp.segment(status) + "&limit=" + limit + "&offset=" + offset,
                null);
    }

    String deregister(String minerId) throws InterruptedException {
        return safe(Endpoint.DEREGISTER, HttpMethod.DELETE, "/miners/" + CoordinatorHttp.segment(minerId), null);
    }

    String poll(String body) throws InterruptedException {
        return once(Endpoint.POLL, "/miners/poll", body);
    }

    String result(String jobId, String body) throws InterruptedException {
        return once(Endpoint.RESULT, "/miners/" + CoordinatorHttp.segment(jobId) + "/result", body);
    }

    String fail(String jobId, String body) throws InterruptedException {
        return once(Endpoint.FAIL, "/miners/" + CoordinatorHttp.segment(jobId) + "/fail", body);
    }

    private String safe(Endpoint endpoint, HttpMethod method, String path, String body) throws InterruptedException {
        for (int attempt = 0;; attempt++) {
            try {
                return send(endpoint, method, path, body, true);
            } catch (CoordinatorUnavailableException e) {
                if (attempt == RETRIES) {
                    throw e;
                }
                long jitter = ThreadLocalRandom.current().nextLong(-RETRY_JITTER_MS, RETRY_JITTER_MS + 1);
                TimeUnit.MILLISECONDS.sleep(RETRY_DELAY_MS + jitter);
            }
        }
    }

    private String once(Endpoint endpoint, String path, String body) throws InterruptedException {
        CircuitBreaker breaker = breakers.get(endpoint);
        if (!breaker.tryPass()) {
            throw new CoordinatorUnavailableException(endpoint, 0, "circuit open, nothing sent", null);
        }
        boolean failed = true;
        try {
            String answer = send(endpoint, HttpMethod.POST, path, body, false);
            failed = false;
            return answer;
        } catch (CoordinatorRejectedException | CoordinatorAuthException | RateLimitedException e) {
            failed = false;
            throw e;
        } finally {
            breaker.record(failed);
        }
    }

    private String send(Endpoint endpoint, HttpMethod method, String path, String body, boolean safeToRepeat)
            throws InterruptedException {
        HttpAnswer answer;
        try {
            answer = http.send(method, path, body);
        } catch (ExecutionException e) {
            throw Answers.forTransport(endpoint, e.getCause() == null ? e : e.getCause(), safeToRepeat);
        } catch (TimeoutException e) {
            throw Answers.forTransport(endpoint, e, safeToRepeat);
        }
        return Answers.body(endpoint, answer, safeToRepeat);
    }
}
