package io.aitbc.miner.uploader;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The receipt's top-level {@code tee_status} is read without being fooled by the copies inside it. */
class TeeAttachmentTest {

    @Test
    void theTopLevelStatusNotTheOneInTheResultCopy() {
        String receipt = "{\"receipt_id\":\"r1\",\"metadata\":{\"result\":{\"tee_status\":\"not_required\"}},"
                + "\"signature\":{\"alg\":\"Ed25519\"},\"zk_status\":\"not_required\",\"tee_status\":\"verified\"}";

        assertThat(TeeAttachment.teeStatus(receipt)).contains("verified");
    }

    @Test
    void absentNullOrUnreadableIsEmpty() {
        assertThat(TeeAttachment.teeStatus("{\"receipt_id\":\"r1\"}")).isEmpty();
        assertThat(TeeAttachment.teeStatus("{\"tee_status\":null}")).isEmpty();
        assertThat(TeeAttachment.teeStatus("{\"tee_status\":")).isEmpty();
    }
}
