package io.aitbc.miner.gpuhealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/** Recorded kernel-log lines, in the dmesg, kmsg and syslog forms, read into GPU events. */
class KernelLogParserTest {

    private static List<KernelEvent> events(String fixture) {
        KernelLogParser parser = new KernelLogParser();
        return Fixtures.kmsg(fixture).stream().map(parser::parse).flatMap(Optional::stream).toList();
    }

    @Test
    void readsEveryXidWithItsAddressPidAndText() {
        List<KernelEvent> events = events("xids.log");

        assertThat(events).extracting(KernelEvent::xid).containsExactly(13, 13, 31, 43, 48, 79, 94, 119);
        assertThat(events).extracting(KernelEvent::busId).containsExactly("0000:01:00", "0000:01:00", "0000:41:00",
                "0000:01:00", "0000:41:00", "0000:41:00", "0000:01:00", "0000:41:00");
        assertThat(events.get(0).pid()).isEqualTo(OptionalLong.of(2711));
        assertThat(events.get(0).text()).startsWith("Graphics SM Warp Exception");
        assertThat(events.get(2).pid()).as("kmsg record").isEqualTo(OptionalLong.of(10823));
        assertThat(events.get(3).pid()).as("syslog line").isEqualTo(OptionalLong.of(21360));
        assertThat(events.get(5).pid()).as("pid='<unknown>'").isEmpty();
        assertThat(events.get(5).text()).isEqualTo("GPU has fallen off the bus.");
        assertThat(events.get(7).busId()).as("an eight-digit domain").isEqualTo("0000:41:00");
    }

    @Test
    void theMultiLineFallOffTheBusWithoutAnXidIsAnEventOfItsGpu() {
        assertThat(events("fallen-off-bus.log")).singleElement().satisfies(event -> {
            assertThat(event.busId()).isEqualTo("0000:41:00");
            assertThat(event.xid()).isEqualTo(KernelEvent.FELL_OFF_BUS);
            assertThat(event.text()).contains("no XID");
        });
    }

    @Test
    void linesWithoutAGpuEventAreIgnored() {
        KernelLogParser parser = new KernelLogParser();

        assertThat(parser.parse("[    0.000000] Linux version 6.8.0-45-generic")).isEmpty();
        assertThat(parser.parse("[   12.1] NVRM: loading NVIDIA UNIX x86_64 Kernel Module  550.54.15")).isEmpty();
        assertThat(parser.parse("NVRM: Xid (PCI:nonsense): 13, pid=1")).isEmpty();
    }

    @Test
    void catalogActionsFollowNvidiasImmediateAction() {
        assertThat(List.of(13, 31, 43, 48, 79, 94, 119, 154, 999)).extracting(x -> XidCatalog.of(x).action())
                .containsExactly(XidAction.APPLICATION, XidAction.APPLICATION, XidAction.APPLICATION, XidAction.RESET,
                        XidAction.REBOOT, XidAction.CONTAINED, XidAction.RESET, XidAction.IGNORE, XidAction.UNKNOWN);
    }
}
