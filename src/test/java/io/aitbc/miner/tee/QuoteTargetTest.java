package io.aitbc.miner.tee;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The trigger and the enclave/measurement choice of aitbc-peer-features.md §3.1 and §3.3. */
class QuoteTargetTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "required={0} enclave={1} measurement={2} -> {3}/{4}")
    @CsvSource(nullValues = "-", value = {
            // tee_attestation_required, tee_enclave_id, required_enclave_measurement, enclave sent, measurement sent
            "false, -,  -,  -,       -", // no TEE asked: no quote
            "true,  -,  -,  unknown, unknown", // only required: the coordinator expects "unknown" for both
            "false, E1, -,  E1,      E1", // only an enclave: enclave = measurement = E
            "true,  E1, -,  E1,      E1",
            "true,  -,  M1, M1,      M1", // only a measurement, with the trigger: both M
            "false, -,  M1, -,       -", // a measurement without the trigger: the coordinator makes its own
            "true,  E1, E1, E1,      E1", // both set and equal
            "true,  E1, M1, -,       -", // both set and different: no quote can pass, none is sent
            "false, '', -,  -,       -", // an empty enclave id is no trigger (Python truthiness)
    })
    void choosesWhatTheCoordinatorWillAccept(boolean required, String enclave, String measurement, String sentEnclave,
            String sentMeasurement) {
        ObjectNode constraints = JSON.createObjectNode().put("tee_attestation_required", required);
        if (enclave == null) {
            constraints.putNull("tee_enclave_id");
        } else {
            constraints.put("tee_enclave_id", enclave);
        }
        if (measurement != null) {
            constraints.put("required_enclave_measurement", measurement);
        }
        constraints.put("confidential", true);

        Optional<QuoteTarget> target = QuoteTarget.of(constraints);

        if (sentEnclave == null) {
            assertThat(target).isEmpty();
        } else {
            assertThat(target).contains(new QuoteTarget(sentEnclave, sentMeasurement));
        }
    }
}
