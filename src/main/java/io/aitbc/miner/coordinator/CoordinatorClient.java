package io.aitbc.miner.coordinator;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.config.AgentIdentity;
import io.aitbc.miner.config.LegacyEnvConfigSource;
import io.aitbc.miner.job.CoordinatorAuthRefused;
import io.aitbc.miner.job.CoordinatorCallAnswered;
import io.aitbc.miner.job.JobOutcome;
import io.quarkus.logging.Log;

/**
 * The one way into the coordinator. Every call first waits for the client-side rate limit and any
 * {@code Retry-After}; failures come out as the typed exceptions of {@link CoordinatorException}'s subtypes. A timed-out
 * poll or upload is an {@link AmbiguousOutcomeException}; an open circuit means nothing was sent. Every call ends with
 * a {@link CoordinatorCallAnswered} event, and every 401/403 with a {@link CoordinatorAuthRefused} event.
 */
@ApplicationScoped
public class CoordinatorClient {

    static final int PAGE = 100;
    /** The coordinator answers at once whatever the wait asked: the poll body never changes. */
    static final String POLL_BODY = "{\"max_wait_seconds\":0}";

    private final CoordinatorCalls calls;
    private final AgentIdentity identity;
    private final ObjectMapper json;
    private final RateLimiter limiter;
    private final Event<CoordinatorCallAnswered> answered;
    private final Event<CoordinatorAuthRefused> authRefused;

    CoordinatorClient(CoordinatorCalls calls, AgentIdentity identity, ObjectMapper json, CoordinatorConfig config,
            Event<CoordinatorCallAnswered> answered, Event<CoordinatorAuthRefused> authRefused) {
        this.calls = calls;
        this.identity = identity;
        this.json = json;
        this.answered = answered;
        this.authRefused = authRefused;
        this.limiter = new RateLimiter(config.rateLimitEnabled(), System::nanoTime);
        String source = new LegacyEnvConfigSource().suppliesUrl() ? " (from the legacy COORDINATOR_URL)" : "";
        Log.infof("Coordinator %s%s", config.url(), source);
    }

    /** Registers (or re-registers) this miner; the coordinator then resets its {@code inflight} to 0. */
    public void register(JsonNode capabilities, int concurrency, Optional<String> region) throws InterruptedException {
        ObjectNode body = json.createObjectNode();
        body.set("capabilities", capabilities);
        body.put("concurrency", concurrency);
        region.ifPresentOrElse(r -> body.put("region", r), () -> body.putNull("region"));
        String text = text(body);
        call(Endpoint.REGISTER, () -> calls.register(text));
    }

    /**
     * Reports liveness and the true number of jobs held, with {@code extras} ({@code metadata} and the schema's other
     * members); 404 means the coordinator forgot this miner.
     */
    public void heartbeat(int inflight, String status, ObjectNode extras) throws InterruptedException {
        ObjectNode body = json.createObjectNode();
        body.put("inflight", inflight);
        body.put("status", status);
        body.putObject("metadata");
        body.setAll(extras);
        String text = text(body);
        call(Endpoint.HEARTBEAT, () -> calls.heartbeat(text));
    }

    /** Asks for one job; empty on 204. The coordinator answers at once whatever the wait asked. */
    public Optional<PolledJob> poll() throws InterruptedException {
        String answer = call(Endpoint.POLL, () -> calls.poll(POLL_BODY));
        if (answer.isBlank()) {
            return Optional.empty();
        }
        JsonNode node = parse(Endpoint.POLL, answer);
        if (!node.path("job_id").isTextual()) {
            throw new AmbiguousOutcomeException(Endpoint.POLL, 200, "answer without a job_id", null);
        }
        return Optional.of(new PolledJob(node.get("job_id").asText(), node.path("payload"), node.path("constraints")));
    }

    /**
     * Uploads a job's one report. For a result, answers the receipt's JSON text exactly as received (empty when the
     * coordinator signs nothing).
     */
    public Optional<String> report(String jobId, JobOutcome outcome) throws InterruptedException {
        if (outcome.report() == JobOutcome.Report.FAIL) {
            String body = text(outcome.body());
            call(Endpoint.FAIL, () -> calls.fail(jobId, body));
            return Optional.empty();
        }
        String body = text(outcome.body());
        String answer = call(Endpoint.RESULT, () -> calls.result(jobId, body));
        return RawJson.objectMember(answer, "receipt");
    }

    /**
     * Every job the coordinator holds as RUNNING for this miner, paged with {@value #PAGE} per page until a page is
     * shorter (D6). A page that answers with an {@code error} field proves nothing: the whole listing fails.
     */
    public List<ListedJob> runningJobs() throws InterruptedException {
        List<ListedJob> jobs = new ArrayList<>();
        for (int offset = 0;; offset += PAGE) {
            int from = offset;
            JsonNode page = parse(Endpoint.LIST_JOBS,
                    call(Endpoint.LIST_JOBS, () -> calls.jobs(identity.minerId(), "RUNNING", PAGE, from)));
            if (page.has("error") || !page.path("jobs").isArray()) {
                throw new CoordinatorUnavailableException(Endpoint.LIST_JOBS, 200, "listing incomplete", null);
            }
            page.path("jobs").forEach(job -> jobs.add(listed(job)));
            if (page.path("jobs").size() < PAGE) {
                return jobs;
            }
        }
    }

    /** Marks this miner OFFLINE at the coordinator. */
    public void deregister() throws InterruptedException {
        call(Endpoint.DEREGISTER, () -> calls.deregister(identity.minerId()));
    }

    private String call(Endpoint endpoint, Call call) throws InterruptedException {
        limiter.acquire(endpoint);
        try {
            return timed(endpoint, call);
        } catch (RateLimitedException e) {
            limiter.blockFor(endpoint, e.retryAfter());
            throw e;
        } catch (CoordinatorAuthException e) {
            authRefused.fire(new CoordinatorAuthRefused(e.getMessage()));
            throw e;
        }
    }

    private static ListedJob listed(JsonNode job) {
        Optional<Instant> expires = Optional.empty();
        if (job.path("expires_at").isTextual()) {
            try {
                expires = Optional.of(LocalDateTime.parse(job.get("expires_at").asText()).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                expires = Optional.empty();
            }
        }
        return new ListedJob(job.path("job_id").asText(""), expires, job.path("payload"));
    }

    /** Runs one call and tells how it ended and how long it took. */
    private String timed(Endpoint endpoint, Call call) throws InterruptedException {
        long start = System.nanoTime();
        boolean succeeded = false;
        int status = 0;
        try {
            String answer = call.send();
            succeeded = true;
            return answer;
        } catch (CoordinatorException e) {
            status = e.status();
            throw e;
        } finally {
            answered.fire(new CoordinatorCallAnswered(endpoint.label(),
                    CoordinatorCallAnswered.outcome(succeeded, status), Duration.ofNanos(System.nanoTime() - start)));
        }
    }

    private String text(JsonNode body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("request body not writable as JSON", e);
        }
    }

    private JsonNode parse(Endpoint endpoint, String answer) {
        try {
            return json.readTree(answer);
        } catch (IOException e) {
            throw new AmbiguousOutcomeException(endpoint, 200, "unreadable answer", e);
        }
    }

    /** One call through {@link CoordinatorCalls}. */
    @FunctionalInterface
    private interface Call {
        String send() throws InterruptedException;
    }
}
