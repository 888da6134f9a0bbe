package io.aitbc.miner.lifecycle;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import sun.misc.Signal;

/**
 * The TERM and INT handlers of decisions D25 (Quarkus installs none): the first signal starts the {@link Drain}, the
 * second ends the process at once with status 143 after flushing the logs. Redis keeps what the agent held.
 */
@ApplicationScoped
public class ShutdownSignals {

    /** The exit status of a second signal, as a shell reports death by SIGTERM. */
    static final int EXIT_SECOND_SIGNAL = 143;

    private final Drain drain;
    private final AtomicInteger received = new AtomicInteger();

    ShutdownSignals(Drain drain) {
        this.drain = drain;
    }

    /** Replaces the JVM's handlers for TERM and INT. */
    public void install() {
        for (String name : List.of("TERM", "INT")) {
            Signal.handle(new Signal(name), this::onSignal);
        }
        Log.info("SIGTERM and SIGINT now drain the agent (a second signal stops it at once)");
    }

    private void onSignal(Signal signal) {
        if (received.incrementAndGet() == 1) {
            Log.infof("SIG%s received: draining (a second signal stops at once)", signal.getName());
            drain.begin(Drain.Origin.SIGNAL);
            return;
        }
        Log.warnf("Second SIG%s: stopping now; held jobs stay in Redis", signal.getName());
        flushLogs();
        Runtime.getRuntime().halt(EXIT_SECOND_SIGNAL);
    }

    private static void flushLogs() {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.flush();
        }
        System.out.flush();
        System.err.flush();
    }
}
