package io.aitbc.miner.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RawJsonTest {

    @Test
    void cutsTheMemberOutWithEveryNumberAsWritten() {
        String answer = "{\"status\":\"ok\", \"receipt\": {\"units\":11.846,\"price\":1e-05,\"m\":{\"a\":[1,2.50]}} }";
        assertThat(RawJson.objectMember(answer, "receipt"))
                .contains("{\"units\":11.846,\"price\":1e-05,\"m\":{\"a\":[1,2.50]}}");
    }

    @Test
    void nullMissingOrBrokenIsEmpty() {
        assertThat(RawJson.objectMember("{\"status\":\"ok\",\"receipt\":null}", "receipt")).isEmpty();
        assertThat(RawJson.objectMember("{\"status\":\"ok\"}", "receipt")).isEmpty();
        assertThat(RawJson.objectMember("{\"status\":", "receipt")).isEmpty();
        assertThat(RawJson.objectMember("[1]", "receipt")).isEmpty();
    }

    @Test
    void nestedMembersOfTheSameNameAreNotTakenForTheTopLevelOne() {
        String answer = "{\"meta\":{\"receipt\":{\"x\":1}},\"receipt\":{\"y\":2}}";
        assertThat(RawJson.objectMember(answer, "receipt")).contains("{\"y\":2}");
    }
}
