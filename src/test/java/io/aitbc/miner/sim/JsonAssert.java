package io.aitbc.miner.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;

/** Assertions on the coordinator's answer shapes. */
final class JsonAssert {

    private JsonAssert() {
    }

    /** A 422 in the coordinator's VALIDATION_ERROR shape naming {@code field}. */
    static void validation(HttpResponse<String> response, String field, String code) {
        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode body = SimClient.json(response);
        assertThat(body.at("/error/code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(body.at("/error/message").asText()).isEqualTo("Request validation failed");
        assertThat(body.at("/error/status").asInt()).isEqualTo(422);
        assertThat(body.has("timestamp")).isTrue();
        assertThat(body.get("request_id").isNull()).isTrue();
        assertThat(body.at("/error/details")).anySatisfy(d -> {
            assertThat(d.get("field").asText()).isEqualTo(field);
            assertThat(d.get("code").asText()).isEqualTo(code);
        });
    }
}
