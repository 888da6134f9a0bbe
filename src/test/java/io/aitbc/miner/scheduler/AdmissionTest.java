package io.aitbc.miner.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import io.aitbc.miner.job.Placement;
import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.job.SlotNeed;
import io.aitbc.miner.scheduler.Admission.Admitted;

/**
 * The admission rules on pools of given sizes (one inference slot, two CPU slots, a 24 GiB and a 48 GiB GPU with one
 * slot each), without Redis, threads or Quarkus.
 */
class AdmissionTest {

    private static final SlotNeed INFERENCE = SlotNeed.of(SlotKind.INFERENCE);
    private static final SlotNeed CPU = SlotNeed.of(SlotKind.CPU);
    private static final SlotNeed GPU = SlotNeed.of(SlotKind.GPU);

    private final Admission admission = new Admission(
            new SlotPools(1, 2, 1, SlotPoolsTest.inventory(List.of(SlotPoolsTest.SMALL, SlotPoolsTest.LARGE))));

    @Test
    void aJobWithAFreeSlotOfItsNeedIsAdmittedToThatPool() {
        assertThat(admission.offer("i1", INFERENCE)).hasValueSatisfying(l -> assertThat(l.kind())
                .isEqualTo(SlotKind.INFERENCE));
        assertThat(admission.offer("c1", CPU).map(Lease::placement)).contains(Placement.of(SlotKind.CPU));
    }

    @Test
    void aNewJobTakesAFreeSlotAtOnceButIsNotRememberedWhenItsPoolIsFull() {
        assertThat(admission.admitNew("n1", INFERENCE)).isPresent();
        assertThat(admission.admitNew("n1", INFERENCE)).as("already admitted").isEmpty();
        assertThat(admission.admitNew("n2", INFERENCE)).as("its pool is full").isEmpty();

        assertThat(admission.release("n1")).as("nobody was remembered as waiting").isEmpty();
        assertThat(admission.offer("n2", INFERENCE)).as("its wake-up from ready").isPresent();
    }

    @Test
    void aJobWhosePoolIsFullWaitsAndIsAdmittedWhenThatPoolFrees() {
        admission.offer("i1", INFERENCE).orElseThrow();

        assertThat(admission.offer("i2", INFERENCE)).as("the inference pool is full").isEmpty();

        assertThat(admission.release("i1")).singleElement().satisfies(next -> {
            assertThat(next.jobId()).isEqualTo("i2");
            assertThat(next.lease().kind()).isEqualTo(SlotKind.INFERENCE);
        });
    }

    @Test
    void aJobWaitingForAFullPoolNeverHoldsUpAnotherPool() {
        admission.offer("i1", INFERENCE).orElseThrow();
        admission.offer("i2", INFERENCE);

        assertThat(admission.offer("c1", CPU)).isPresent();
        assertThat(admission.release("c1")).as("a CPU slot is no use to the inference job").isEmpty();
    }

    @Test
    void waitingJobsAreAdmittedOldestFirstOnePerFreedSlot() {
        admission.offer("i1", INFERENCE).orElseThrow();
        admission.offer("i2", INFERENCE);
        admission.offer("i3", INFERENCE);

        assertThat(admission.release("i1")).extracting(Admitted::jobId).containsExactly("i2");
        assertThat(admission.release("i2")).extracting(Admitted::jobId).containsExactly("i3");
        assertThat(admission.release("i3")).isEmpty();
        assertThat(admission.offer("i4", INFERENCE)).as("the slot is free again").isPresent();
    }

    @Test
    void oneFreedSlotAdmitsWaitingJobsOfThatPoolOnlyAndTheQueueOfOtherPoolsStays() {
        admission.offer("c1", CPU).orElseThrow();
        admission.offer("c2", CPU).orElseThrow();
        admission.offer("i1", INFERENCE).orElseThrow();
        admission.offer("c3", CPU);
        admission.offer("i2", INFERENCE);
        admission.offer("c4", CPU);

        assertThat(admission.release("c1")).extracting(Admitted::jobId).containsExactly("c3");
        assertThat(admission.release("i1")).extracting(Admitted::jobId).containsExactly("i2");
        assertThat(admission.release("c2")).extracting(Admitted::jobId).containsExactly("c4");
    }

    @Test
    void aRepeatedWakeUpForAnAdmittedOrWaitingJobIsIgnored() {
        admission.offer("i1", INFERENCE).orElseThrow();
        admission.offer("i2", INFERENCE);

        assertThat(admission.offer("i1", INFERENCE)).as("already holds a slot").isEmpty();
        assertThat(admission.offer("i2", INFERENCE)).as("already waiting").isEmpty();
        assertThat(admission.release("i1")).extracting(Admitted::jobId).as("admitted once").containsExactly("i2");
        assertThat(admission.release("i2")).isEmpty();
    }

    @Test
    void aReleaseOfAJobThatHoldsNoSlotChangesNothing() {
        admission.offer("i1", INFERENCE).orElseThrow();
        admission.offer("i2", INFERENCE);

        assertThat(admission.release("unknown")).isEmpty();
        assertThat(admission.release("i2")).as("waiting, not admitted").isEmpty();
        assertThat(admission.offer("i3", INFERENCE)).as("i1 still holds the slot").isEmpty();
    }

    @Test
    void gpuJobsArePinnedToADeviceWhoseMemoryCoversTheirNeed() {
        SlotNeed large = new SlotNeed(SlotKind.GPU, 40);

        Optional<Lease> first = admission.offer("g1", large);
        assertThat(first.map(Lease::placement)).contains(new Placement(SlotKind.GPU, Optional.of("GPU-large")));
        assertThat(admission.offer("g2", large)).as("the small device does not fit").isEmpty();
        assertThat(admission.offer("g3", GPU).map(Lease::placement))
                .contains(new Placement(SlotKind.GPU, Optional.of("GPU-small")));
        assertThat(admission.release("g1")).extracting(Admitted::jobId).containsExactly("g2");
    }

    @Test
    void aGpuNeedNoDeviceCanMeetTakesACpuSlotWhereItsRunnerRefusesIt() {
        assertThat(admission.offer("huge", new SlotNeed(SlotKind.GPU, 80)).map(Lease::placement))
                .contains(Placement.of(SlotKind.CPU));

        Admission cpuOnly = new Admission(new SlotPools(1, 1, 1, SlotPoolsTest.inventory(List.of())));
        assertThat(cpuOnly.offer("g", GPU).map(Lease::placement)).contains(Placement.of(SlotKind.CPU));
        assertThat(cpuOnly.offer("g2", GPU)).as("it waits for the CPU slot like any CPU job").isEmpty();
        assertThat(cpuOnly.release("g")).extracting(Admitted::jobId).containsExactly("g2");
    }

    @Test
    void aGpuThatTakesNoJobsGetsNoneAndItsWaitingJobsAreAdmittedWhenItTakesThemAgain() {
        Set<String> sick = ConcurrentHashMap.newKeySet();
        SlotPools pools = new SlotPools(1, 2, 1,
                SlotPoolsTest.inventory(List.of(SlotPoolsTest.SMALL, SlotPoolsTest.LARGE)), uuid -> !sick.contains(uuid));
        Admission health = new Admission(pools);
        sick.add(SlotPoolsTest.LARGE.uuid());

        assertThat(pools.total()).as("the quarantined GPU's slot is not offered").isEqualTo(4);
        assertThat(health.offer("g1", GPU).flatMap(Lease::device)).contains(SlotPoolsTest.SMALL);
        assertThat(health.offer("g2", GPU)).as("the other GPU is quarantined").isEmpty();
        assertThat(health.offer("big", new SlotNeed(SlotKind.GPU, 40))).as("waits, never E_NOGPU").isEmpty();
        assertThat(health.reconsider()).isEmpty();

        sick.clear();
        assertThat(pools.total()).isEqualTo(5);
        assertThat(health.reconsider()).singleElement().satisfies(next -> {
            assertThat(next.jobId()).isEqualTo("g2");
            assertThat(next.lease().device()).contains(SlotPoolsTest.LARGE);
        });
        assertThat(health.release("g2")).singleElement().extracting(Admitted::jobId).isEqualTo("big");
    }
}
