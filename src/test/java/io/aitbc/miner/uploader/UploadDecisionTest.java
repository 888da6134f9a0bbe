package io.aitbc.miner.uploader;

import static io.aitbc.miner.job.JobOutcome.Report.FAIL;
import static io.aitbc.miner.job.JobOutcome.Report.RESULT;
import static io.aitbc.miner.uploader.UploadDecision.Action.AMBIGUOUS;
import static io.aitbc.miner.uploader.UploadDecision.Action.BURY;
import static io.aitbc.miner.uploader.UploadDecision.Action.FAIL_INSTEAD;
import static io.aitbc.miner.uploader.UploadDecision.Action.KEY_REFUSED;
import static io.aitbc.miner.uploader.UploadDecision.Action.NOT_FOUND;
import static io.aitbc.miner.uploader.UploadDecision.Action.RATE_LIMITED;
import static io.aitbc.miner.uploader.UploadDecision.Action.SHRINK;
import static io.aitbc.miner.uploader.UploadDecision.Action.UNSENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.aitbc.miner.coordinator.CoordinatorAnswers;
import io.aitbc.miner.coordinator.CoordinatorException;
import io.aitbc.miner.coordinator.Endpoint;
import io.aitbc.miner.job.JobOutcome;

/** The D7 table: what each answer to an upload means for its outbox entry. */
class UploadDecisionTest {

    private static final Duration NOW = Duration.ZERO;

    static Stream<Arguments> answers() {
        return Stream.of(
                row(RESULT, CoordinatorAnswers.status(Endpoint.RESULT, 404), NOT_FOUND, NOW),
                row(FAIL, CoordinatorAnswers.status(Endpoint.FAIL, 404), NOT_FOUND, NOW),
                row(RESULT, CoordinatorAnswers.status(Endpoint.RESULT, 413), SHRINK, NOW),
                row(RESULT, CoordinatorAnswers.status(Endpoint.RESULT, 422), FAIL_INSTEAD, NOW),
                row(FAIL, CoordinatorAnswers.status(Endpoint.FAIL, 413), BURY, NOW),
                row(FAIL, CoordinatorAnswers.status(Endpoint.FAIL, 422), BURY, NOW),
                row(RESULT, CoordinatorAnswers.status(Endpoint.RESULT, 400), BURY, NOW),
                row(FAIL, CoordinatorAnswers.status(Endpoint.FAIL, 409), BURY, NOW),
                row(RESULT, CoordinatorAnswers.status(Endpoint.RESULT, 401), KEY_REFUSED, Duration.ofSeconds(30)),
                row(FAIL, CoordinatorAnswers.status(Endpoint.FAIL, 403), KEY_REFUSED, Duration.ofSeconds(30)),
                row(RESULT, CoordinatorAnswers.rateLimited(Endpoint.RESULT, Duration.ofSeconds(7)), RATE_LIMITED,
                        Duration.ofSeconds(7)),
                row(RESULT, CoordinatorAnswers.status(Endpoint.RESULT, 500), AMBIGUOUS, NOW),
                row(FAIL, CoordinatorAnswers.status(Endpoint.FAIL, 502), AMBIGUOUS, NOW),
                row(RESULT, CoordinatorAnswers.reset(Endpoint.RESULT), AMBIGUOUS, NOW),
                row(RESULT, CoordinatorAnswers.refused(Endpoint.RESULT), UNSENT, Duration.ofSeconds(2)),
                row(FAIL, CoordinatorAnswers.refused(Endpoint.FAIL), UNSENT, Duration.ofSeconds(2)));
    }

    @ParameterizedTest(name = "{0} answered {1}: {2} after {3}")
    @MethodSource("answers")
    void eachAnswerHasItsOneFate(JobOutcome.Report report, CoordinatorException answer, UploadDecision.Action action,
            Duration delay) {
        assertThat(UploadDecision.after(report, answer)).isEqualTo(new UploadDecision(action, delay));
    }

    private static Arguments row(JobOutcome.Report report, CoordinatorException answer, UploadDecision.Action action,
            Duration delay) {
        return Arguments.of(report, answer, action, delay);
    }
}
