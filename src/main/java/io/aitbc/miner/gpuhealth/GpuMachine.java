package io.aitbc.miner.gpuhealth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The health machine of one GPU (D44), as plain code: evidence comes in (an XID incident, the latest {@code nvidia-smi}
 * check, a leak found by the reaper, a foreign process), and the state follows. XIDs no more than the burst window
 * apart are one incident, its action the worst of its XIDs; the incident's evidence lasts until the window passes
 * without a new one. A quarantined GPU moves on only with a clean check: then it is recovering, and healthy after
 * {@code checksToRecover} clean checks in a row; any quarantine evidence sends it back. Not thread-safe:
 * {@link GpuHealth} calls it under its lock.
 */
final class GpuMachine {

    private final GpuStatus.Device device;
    private final Duration burstWindow;
    private final int checksToRecover;
    private GpuState state = GpuState.HEALTHY;
    private Instant since;
    private String reason = "no evidence";
    private Instant lastXid;
    private XidAction incidentAction;
    private String incidentReason;
    private int incidents;
    private List<String> quarantineSignals = List.of();
    private List<String> suspectSignals = List.of();
    private Optional<String> leak = Optional.empty();
    private Optional<String> foreign = Optional.empty();
    private int cleanChecks;

    GpuMachine(GpuStatus.Device device, Duration burstWindow, int checksToRecover, Instant now) {
        this.device = device;
        this.burstWindow = burstWindow;
        this.checksToRecover = checksToRecover;
        this.since = now;
    }

    GpuStatus.Device device() {
        return device;
    }

    /** An XID (or a fall off the bus) on this GPU; an {@link XidAction#IGNORE} one changes nothing. */
    void xid(int xid, XidAction action, String text, Instant now) {
        if (action == XidAction.IGNORE) {
            return;
        }
        String what = "XID " + xid + " (" + XidCatalog.of(xid).meaning() + ", " + action.name() + "): " + text;
        if (lastXid == null || !now.isBefore(lastXid.plus(burstWindow))) {
            incidents++;
            incidentAction = action;
            incidentReason = what;
        } else if (action.worse(incidentAction) != incidentAction) {
            incidentAction = action;
            incidentReason = what;
        }
        lastXid = now;
        evaluate(now, false);
    }

    /** One health check's findings; {@code passed} when {@code nvidia-smi} answered and listed this GPU. */
    void checked(List<String> quarantineReasons, List<String> suspectReasons, boolean passed, Instant now) {
        quarantineSignals = List.copyOf(quarantineReasons);
        suspectSignals = List.copyOf(suspectReasons);
        evaluate(now, passed);
    }

    /** The reaper's finding after a job: leaked memory or processes, or empty once memory is back. */
    void leak(Optional<String> found, Instant now) {
        leak = found;
        evaluate(now, false);
    }

    /** A compute process that is neither a job's nor the inference server's, or empty once it is gone. */
    void foreign(Optional<String> found) {
        foreign = found;
    }

    boolean hasLeak() {
        return leak.isPresent();
    }

    boolean takesJobs() {
        return state.takesJobs() && foreign.isEmpty();
    }

    GpuStatus status() {
        return new GpuStatus(device, state, reason, since, incidents, foreign);
    }

    private void evaluate(Instant now, boolean checkPassed) {
        boolean incident = lastXid != null && now.isBefore(lastXid.plus(burstWindow));
        GpuState next;
        String why;
        if (incident && incidentAction.state() == GpuState.QUARANTINED || !quarantineSignals.isEmpty()) {
            next = GpuState.QUARANTINED;
            why = incident && incidentAction.state() == GpuState.QUARANTINED ? incidentReason
                    : String.join("; ", quarantineSignals);
            cleanChecks = 0;
        } else if (state == GpuState.QUARANTINED || state == GpuState.RECOVERING) {
            if (!checkPassed) {
                return;
            }
            cleanChecks++;
            if (cleanChecks < checksToRecover) {
                next = GpuState.RECOVERING;
                why = "evidence cleared, " + cleanChecks + " of " + checksToRecover + " clean checks";
            } else {
                next = suspectOrHealthy(incident);
                why = next == GpuState.HEALTHY ? "recovered after " + checksToRecover + " clean checks"
                        : suspectReason(incident);
            }
        } else {
            next = suspectOrHealthy(incident);
            why = next == GpuState.HEALTHY ? "no evidence" : suspectReason(incident);
        }
        if (next != state) {
            since = now;
        }
        state = next;
        reason = why;
    }

    private GpuState suspectOrHealthy(boolean incident) {
        boolean suspect = incident || !suspectSignals.isEmpty() || leak.isPresent();
        return suspect ? GpuState.SUSPECT : GpuState.HEALTHY;
    }

    private String suspectReason(boolean incident) {
        if (incident) {
            return incidentReason;
        }
        return leak.orElseGet(() -> String.join("; ", suspectSignals));
    }
}
