package io.aitbc.miner.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** A bare HTTP client for the protocol tests: sends exactly the headers and body it is told to. */
final class SimClient {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String root;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Duration timeout = Duration.ofSeconds(10);

    private SimClient(String root) {
        this.root = root;
    }

    /** A client for miner {@code minerId} with the simulator's default key and a JSON content type. */
    static SimClient miner(CoordinatorSimulator sim, String minerId) {
        return bare(sim).header("X-Api-Key", SimulatorOptions.DEFAULT_API_KEY).header("X-Miner-ID", minerId)
                .header("Content-Type", "application/json");
    }

    /** A client without any header. */
    static SimClient bare(CoordinatorSimulator sim) {
        return new SimClient(sim.serverRoot());
    }

    SimClient header(String name, String value) {
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        return this;
    }

    SimClient timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    HttpResponse<String> send(String method, String path, String body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + path)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    HttpResponse<String> post(String path, String body) {
        try {
            return send("POST", path, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> register(String capabilities, int concurrency) {
        return post("/v1/miners/register", "{\"capabilities\":" + capabilities + ",\"concurrency\":" + concurrency + "}");
    }

    HttpResponse<String> heartbeat(int inflight) {
        return post("/v1/miners/heartbeat", "{\"inflight\":" + inflight + ",\"status\":\"ONLINE\"}");
    }

    HttpResponse<String> poll() {
        return post("/v1/miners/poll", "{\"max_wait_seconds\":15}");
    }

    HttpResponse<String> result(String jobId, String body) {
        return post("/v1/miners/" + jobId + "/result", body);
    }

    HttpResponse<String> fail(String jobId, String message) {
        return post("/v1/miners/" + jobId + "/fail", "{\"error_code\":\"E_RUNNER\",\"error_message\":\"" + message
                + "\",\"metrics\":{}}");
    }

    HttpResponse<String> list(String minerId, String query) {
        return post("/v1/miners/" + minerId + "/jobs" + query, null);
    }

    static JsonNode json(HttpResponse<String> response) {
        return PythonJson.parse(response.body());
    }
}
