package io.aitbc.miner.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class AnswersTest {

    @Test
    void twoHundredsAnswerTheirBodyAndNoContentAnEmptyOne() {
        assertThat(Answers.body(Endpoint.POLL, new HttpAnswer(200, "{\"job_id\":\"a\"}", null, null), false))
                .isEqualTo("{\"job_id\":\"a\"}");
        assertThat(Answers.body(Endpoint.POLL, new HttpAnswer(204, null, null, null), false)).isEmpty();
    }

    @Test
    void statusesMapToTheirTypedExceptions() {
        assertThatThrownBy(() -> Answers.body(Endpoint.HEARTBEAT, status(401, "{\"detail\":\"Invalid API key\"}"), true))
                .isInstanceOf(CoordinatorAuthException.class).hasMessageContaining("Invalid API key");
        assertThatThrownBy(() -> Answers.body(Endpoint.RESULT, status(403, "{\"detail\":\"Forbidden\"}"), false))
                .isInstanceOf(CoordinatorAuthException.class);
        assertThatThrownBy(() -> Answers.body(Endpoint.RESULT, status(404, "{\"detail\":\"job not found\"}"), false))
                .isInstanceOfSatisfying(CoordinatorRejectedException.class, e -> assertThat(e.notFound()).isTrue());
        assertThatThrownBy(() -> Answers.body(Endpoint.RESULT, status(413, "<html>413</html>"), false))
                .isInstanceOfSatisfying(CoordinatorRejectedException.class, e -> assertThat(e.tooLarge()).isTrue());
        assertThatThrownBy(() -> Answers.body(Endpoint.FAIL, status(422, "{}"), false))
                .isInstanceOfSatisfying(CoordinatorRejectedException.class, e -> assertThat(e.invalid()).isTrue());
    }

    @Test
    void serverErrorsAreAmbiguousOnlyForCallsThatMustNotBeRepeated() {
        assertThatThrownBy(() -> Answers.body(Endpoint.POLL, status(500, "{}"), false))
                .isInstanceOfSatisfying(AmbiguousOutcomeException.class, e -> assertThat(e.status()).isEqualTo(500));
        assertThatThrownBy(() -> Answers.body(Endpoint.HEARTBEAT, status(503, "{}"), true))
                .isInstanceOf(CoordinatorUnavailableException.class);
    }

    @Test
    void tooManyRequestsCarriesRetryAfterWithTheUsualMinuteAsFallback() {
        HttpAnswer limited = new HttpAnswer(429, "{}", "7", null);
        assertThatThrownBy(() -> Answers.body(Endpoint.POLL, limited, false)).isInstanceOfSatisfying(
                RateLimitedException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
        assertThat(Answers.retryAfter(null)).isEqualTo(Duration.ofSeconds(60));
        assertThat(Answers.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ofSeconds(60));
        assertThat(Answers.retryAfter("-3")).isZero();
    }

    @Test
    void aRefusedConnectionHadNoEffectButAResetMayHave() {
        RuntimeException refused = new RuntimeException(new ConnectException("Connection refused"));
        RuntimeException reset = new RuntimeException(new IOException("Connection reset"));
        assertThat(Answers.forTransport(Endpoint.RESULT, refused, false))
                .isInstanceOf(CoordinatorUnavailableException.class);
        assertThat(Answers.forTransport(Endpoint.RESULT, reset, false)).isInstanceOf(AmbiguousOutcomeException.class);
        assertThat(Answers.forTransport(Endpoint.HEARTBEAT, reset, true))
                .isInstanceOf(CoordinatorUnavailableException.class);
    }

    private static HttpAnswer status(int status, String body) {
        return new HttpAnswer(status, body, null, "req-1");
    }
}
