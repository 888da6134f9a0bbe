package io.aitbc.miner.queue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.job.SlotNeed;

class StoredNeedsTest {

    @Test
    void everyNeedReadsBackAsWritten() {
        for (SlotNeed need : new SlotNeed[] { SlotNeed.of(SlotKind.CPU), SlotNeed.of(SlotKind.INFERENCE),
                SlotNeed.of(SlotKind.GPU), new SlotNeed(SlotKind.GPU, 40.5) }) {
            assertThat(StoredNeeds.parse(StoredNeeds.text(need))).isEqualTo(need);
        }
        assertThat(StoredNeeds.text(new SlotNeed(SlotKind.GPU, 8))).isEqualTo("gpu:8.0");
        assertThat(StoredNeeds.text(SlotNeed.of(SlotKind.INFERENCE))).isEqualTo("inference");
    }
}
