package io.aitbc.miner.sim;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.tee.TeeFixtures;
import io.aitbc.miner.tee.TeeQuotes;
import io.vertx.core.json.JsonObject;

/**
 * The enclave/measurement table of aitbc-peer-features.md §3.3 as cases through the simulator: the agent's quote (or
 * its choice to send none) against the coordinator's checks, read back as the receipt's {@code tee_status}.
 */
class SimTeeTest extends SimulatorTestSupport {

    private final TeeQuotes quotes = TeeFixtures.simulate(Clock.systemUTC());

    @BeforeEach
    void registerMiner() {
        miner.register("{}", 0);
    }

    @ParameterizedTest(name = "required={0} enclave={1} measurement={2} confidential={3}: quote {4}, {5}")
    @CsvSource(nullValues = "-", value = {
            "false, -,  -,  false, false, not_required",
            "true,  -,  -,  false, true,  verified", // enclave and measurement "unknown"
            "false, E1, -,  false, true,  verified", // enclave = measurement = E
            "true,  -,  M1, false, true,  verified", // enclave = measurement = M
            "true,  E1, E1, false, true,  verified",
            "true,  E1, M1, false, false, verified", // no quote could pass: none sent, the coordinator makes its own
            "false, -,  M1, false, false, verified", // no trigger: the coordinator's own quote
            "false, -,  -,  true,  false, verified", // confidential only: the coordinator's own quote
    })
    void theAgentsQuoteOrItsAbsencePassesTheCoordinator(boolean required, String enclave, String measurement,
            boolean confidential, boolean quoteSent, String status) {
        JsonObject constraints = new JsonObject().put("tee_attestation_required", required)
                .put("tee_enclave_id", enclave).put("required_enclave_measurement", measurement)
                .put("confidential", confidential);
        String job = pollOne(constraints);
        JsonNode polledConstraints = sim.job(job).orElseThrow().constraints();

        Optional<String> quote = quotes.quoteFor(job, polledConstraints);

        assertThat(quote.isPresent()).as("quote sent").isEqualTo(quoteSent);
        assertThat(teeStatus(job, quote)).isEqualTo(status);
    }

    @Test
    void theProductionMinersDefaultEnclaveIsRejected() {
        String job = pollOne(new JsonObject().put("tee_attestation_required", true));

        assertThat(teeStatus(job, Optional.of(TeeFixtures.productionMinerDefault(job, Clock.systemUTC()))))
                .isEqualTo("attestation_rejected");
    }

    @Test
    void aQuoteMadeAnHourAgoIsRejectedAndAFreshOnePasses() {
        String job = pollOne(new JsonObject().put("tee_enclave_id", "enclave-A"));
        Clock hourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)).minusSeconds(1), ZoneOffset.UTC);
        JsonNode constraints = sim.job(job).orElseThrow().constraints();

        Optional<String> stale = TeeFixtures.simulate(hourAgo).quoteFor(job, constraints);
        Optional<String> fresh = quotes.quoteFor(job, constraints);

        assertThat(TeeVerifier.valid(stale.orElseThrow(), "enclave-A", "enclave-A", Instant.now())).isFalse();
        assertThat(teeStatus(job, stale)).isEqualTo("attestation_rejected");
        assertThat(teeStatus(job, fresh)).isEqualTo("verified");
    }

    @Test
    void aTamperedQuoteIsRejected() {
        String job = pollOne(new JsonObject().put("tee_enclave_id", "enclave-A"));
        String quote = quotes.quoteFor(job, sim.job(job).orElseThrow().constraints()).orElseThrow();
        String json = new String(Base64.getDecoder().decode(quote), UTF_8);
        String other = (job.charAt(0) == 'f' ? "e" : "f") + job.substring(1); // a signed quote_id, one letter off
        String tampered = Base64.getEncoder().encodeToString(json.replace(job, other).getBytes(UTF_8));

        assertThat(teeStatus(job, Optional.of(tampered))).isEqualTo("attestation_rejected");
    }

    private String pollOne(JsonObject constraints) {
        String job = sim.submit(new JsonObject().put("type", "inference").put("prompt", "p"), constraints,
                Duration.ofMinutes(15));
        assertThat(miner.poll().statusCode()).isEqualTo(200);
        return job;
    }

    private String teeStatus(String job, Optional<String> quote) {
        JsonObject body = new JsonObject().put("result", new JsonObject()).put("metrics", new JsonObject());
        quote.ifPresent(q -> body.put("tee_quote", q));
        JsonNode answer = SimClient.json(miner.result(job, body.encode()));
        return answer.at("/receipt/tee_status").asText();
    }
}
