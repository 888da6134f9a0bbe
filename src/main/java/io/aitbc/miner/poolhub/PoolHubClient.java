package io.aitbc.miner.poolhub;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.event.Event;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.job.PoolHubCallAnswered;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/**
 * The two pool-hub calls, each ending with a {@link PoolHubCallAnswered} event. No retry here: the heartbeat period is
 * the retry, and a pool hub that is down costs one timeout per period on the pool hub's own thread.
 */
final class PoolHubClient {

    static final String REGISTER = "register";
    static final String HEARTBEAT = "heartbeat";

    private final PoolHubRestClient rest;
    private final String authorization;
    private final Event<PoolHubCallAnswered> answered;

    /**
     * One call's answer.
     *
     * @param status the HTTP status, 0 when no answer came
     * @param detail the error body's text (FastAPI's {@code detail}) or the transport failure, for the log
     */
    record Answer(int status, String detail) {

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    PoolHubClient(PoolHubKey key, PoolHubConfig config, Event<PoolHubCallAnswered> answered) {
        this.rest = QuarkusRestClientBuilder.newBuilder().baseUri(key.base())
                .connectTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS).build(PoolHubRestClient.class);
        this.authorization = "Bearer " + key.key().orElseThrow();
        this.answered = answered;
    }

    Answer register(JsonNode body) {
        return call(REGISTER, () -> rest.register(body));
    }

    Answer heartbeat(JsonNode body) {
        return call(HEARTBEAT, () -> rest.heartbeat(authorization, body));
    }

    private Answer call(String name, Supplier<Response> call) {
        Answer answer;
        try (Response response = send(call)) {
            answer = new Answer(response.getStatus(), response.getStatus() < 300 ? "" : detail(response));
        } catch (RuntimeException e) {
            answer = new Answer(0, e.getCause() != null ? e.getCause().toString() : e.toString());
        }
        answered.fire(new PoolHubCallAnswered(name, answer.ok() ? "2xx"
                : answer.status() == 0 ? "none"
                        : Integer.toString(answer.status())));
        return answer;
    }

    private static Response send(Supplier<Response> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            return e.getResponse();
        }
    }

    private static String detail(Response response) {
        try {
            String body = response.readEntity(String.class);
            return body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "…" : body;
        } catch (RuntimeException e) {
            return "";
        }
    }
}
