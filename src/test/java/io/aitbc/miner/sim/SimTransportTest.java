package io.aitbc.miner.sim;

import static io.aitbc.miner.sim.SimClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

/** Transport, authentication and error shapes of the protocol ("Transport", "Authentication"). */
class SimTransportTest extends SimulatorTestSupport {

    @Test
    void healthIsPublicAtTheRootAndUnderV1() {
        SimClient bare = SimClient.bare(sim);
        assertThat(bare.post("/health", null).statusCode()).isEqualTo(404);
        HttpResponse<String> health = get(bare, "/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("status").asText()).isEqualTo("ok");
        assertThat(get(bare, "/v1/health/live").statusCode()).isEqualTo(200);
        assertThat(get(bare, "/v1/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void missingApiKeyIsAuthenticationRequired() {
        HttpResponse<String> r = miner.header("X-Api-Key", null).poll();
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("{\"detail\":\"Authentication required\"}");
    }

    @Test
    void wrongApiKeyIsInvalid() {
        HttpResponse<String> r = miner.header("X-Api-Key", "nope").poll();
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("{\"detail\":\"Invalid API key\"}");
    }

    @Test
    void anyAuthorizationHeaderIsAnInvalidToken() {
        HttpResponse<String> r = miner.header("Authorization", "Bearer x").poll();
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("{\"detail\":\"Invalid token\"}");
    }

    @Test
    void scannerUserAgentsAreDenied() {
        for (String agent : new String[] { "sqlmap/1.7", "Nmap Scripting Engine", "Nikto", "Burp Suite" }) {
            HttpResponse<String> r = miner.header("User-Agent", agent).poll();
            assertThat(r.statusCode()).as(agent).isEqualTo(403);
            assertThat(r.body()).isEqualTo("{\"detail\":\"Access denied\"}");
        }
    }

    @Test
    void bodiesOverTenMebibytesAreTooLarge() {
        String big = "{\"result\":{\"output\":\"" + "x".repeat(ApiServer.MAX_BODY) + "\"}}";
        HttpResponse<String> r = miner.result("0".repeat(32), big);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).isEqualTo("{\"detail\":\"Request entity too large\"}");
    }

    @Test
    void missingBodyIs422InTheCoordinatorShape() {
        JsonAssert.validation(miner.post("/v1/miners/register", null), "body", "missing");
        JsonAssert.validation(miner.post("/v1/miners/poll", ""), "body", "missing");
    }

    @Test
    void missingRequiredFieldNamesIt() {
        JsonAssert.validation(miner.post("/v1/miners/register", "{}"), "body.capabilities", "missing");
        JsonAssert.validation(miner.post("/v1/miners/x/result", "{\"metrics\":{}}"), "body.result", "missing");
        JsonAssert.validation(miner.post("/v1/miners/x/fail", "{\"error_code\":\"E\"}"), "body.error_message",
                "missing");
    }

    @Test
    void withoutJsonContentTypeTheBodyIsNotParsed() {
        HttpResponse<String> r = miner.header("Content-Type", "text/plain").heartbeat(0);
        JsonAssert.validation(r, "body", "missing");
    }

    @Test
    void pollByUnknownMinerIs500InternalError() {
        HttpResponse<String> r = miner.poll();
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("{\"error\":{\"type\":\"internal_error\",\"message\":\"An internal server error "
                + "occurred\",\"status_code\":500,\"path\":\"/v1/miners/poll\"}}");
    }

    @Test
    void heartbeatByUnknownMinerIs404() {
        HttpResponse<String> r = miner.heartbeat(0);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("{\"detail\":\"miner not registered\"}");
    }

    @Test
    void reportsForUnknownJobsAre404() {
        assertThat(miner.result("f".repeat(32), "{\"result\":{}}").body()).isEqualTo("{\"detail\":\"job not found\"}");
        assertThat(miner.fail("f".repeat(32), "x").statusCode()).isEqualTo(404);
    }

    @Test
    void requestIdIsEchoedOrGeneratedAndProcessTimeSent() {
        HttpResponse<String> echoed = miner.header("X-Request-ID", "abc-123").heartbeat(0);
        assertThat(echoed.headers().firstValue("X-Request-ID")).hasValue("abc-123");
        HttpResponse<String> generated = miner.header("X-Request-ID", null).heartbeat(0);
        assertThat(generated.headers().firstValue("X-Request-ID")).isPresent();
        assertThat(generated.headers().firstValue("X-Process-Time")).isPresent();
    }

    @Test
    void minerIdentityIsTheKeyWithoutXMinerId() {
        miner.header("X-Miner-ID", null).register("{}", 1);
        assertThat(sim.miner(SimulatorOptions.DEFAULT_API_KEY)).isPresent();
    }

    @Test
    void deregisterMarksThePathMinerOffline() {
        miner.register("{}", 1);
        HttpResponse<String> r = send(miner, "DELETE", "/v1/miners/m1");
        assertThat(r.body()).isEqualTo("{\"miner_id\":\"m1\",\"status\":\"deregistered\"}");
        assertThat(sim.miner("m1").orElseThrow().status()).isEqualTo("OFFLINE");
        assertThat(send(miner, "DELETE", "/v1/miners/ghost").body()).isEqualTo("{\"detail\":\"miner not found\"}");
    }

    @Test
    void capabilitiesPutReRegistersTheCallerAndResetsInflight() throws Exception {
        miner.register("{}", 2);
        miner.heartbeat(2);
        HttpResponse<String> r = miner.send("PUT", "/v1/miners/other/capabilities", "{\"capabilities\":{\"a\":1}}");
        assertThat(json(r).get("status").asText()).isEqualTo("updated");
        assertThat(sim.miner("m1").orElseThrow().inflight()).isZero();
        assertThat(sim.miner("m1").orElseThrow().registrations()).isEqualTo(2);
    }

    @Test
    void legacyJobFailRouteAlwaysAnswers500() {
        assertThat(miner.post("/v1/miners/m1/jobs/abc/fail", "{}").statusCode()).isEqualTo(500);
    }

    @Test
    void requestLogRecordsHeaders() {
        miner.header("Authorization", "Bearer x").poll();
        RequestRecord last = sim.requests().getLast();
        assertThat(last.endpoint()).isEqualTo(Endpoint.POLL);
        assertThat(last.status()).isEqualTo(401);
        assertThat(last.minerId()).isEqualTo("m1");
        assertThat(last.apiKeyPresent()).isTrue();
        assertThat(last.authorizationPresent()).isTrue();
    }

    private static HttpResponse<String> get(SimClient client, String path) {
        return send(client, "GET", path);
    }

    private static HttpResponse<String> send(SimClient client, String method, String path) {
        try {
            return client.send(method, path, null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
