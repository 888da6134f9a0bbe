package io.aitbc.miner.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CoordinatorHttpTest {

    @Test
    void pathSegmentsKeepOnlyUnreservedCharactersUnencoded() {
        assertThat(CoordinatorHttp.segment("miner-01_a.b~c")).isEqualTo("miner-01_a.b~c");
        assertThat(CoordinatorHttp.segment("../x?y=1#z")).isEqualTo("..%2Fx%3Fy%3D1%23z");
        assertThat(CoordinatorHttp.segment("gpu node/é")).isEqualTo("gpu%20node%2F%C3%A9");
    }
}
