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

    @Test
    void aReceiptsTopLevelTeeStatusNotTheOneInItsResultCopy() {
        String receipt = "{\"receipt_id\":\"r1\",\"metadata\":{\"result\":{\"tee_status\":\"not_required\"}},"
                + "\"signature\":{\"alg\":\"Ed25519\"},\"zk_status\":\"not_required\",\"tee_status\":\"verified\"}";

        assertThat(RawJson.stringMember(receipt, "tee_status")).contains("verified");
    }

    @Test
    void aStringMemberAbsentNullOrUnreadableIsEmpty() {
        assertThat(RawJson.stringMember("{\"receipt_id\":\"r1\"}", "tee_status")).isEmpty();
        assertThat(RawJson.stringMember("{\"tee_status\":null}", "tee_status")).isEmpty();
        assertThat(RawJson.stringMember("{\"tee_status\":{\"x\":1}}", "tee_status")).isEmpty();
        assertThat(RawJson.stringMember("{\"tee_status\":", "tee_status")).isEmpty();
    }
}
