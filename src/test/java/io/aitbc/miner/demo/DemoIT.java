package io.aitbc.miner.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The newcomer's demo runs against the packaged agent and ends with every job as expected (D37). */
class DemoIT {

    @TempDir
    Path work;

    @Test
    void everyDemoJobEndsAsExpected() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        boolean ok = new Demo(new PrintStream(printed, true, StandardCharsets.UTF_8)).run(work);

        String table = printed.toString(StandardCharsets.UTF_8);
        assertThat(ok).as(table).isTrue();
        assertThat(table).contains("DEMO OK").contains("E_MODEL").contains("E_BADJOB").contains("E_UNSUPPORTED")
                .doesNotContain(" NO ");
    }
}
