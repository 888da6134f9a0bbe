package io.aitbc.miner.tee;

import java.time.Clock;
import java.util.Optional;

/** TEE quote makers for tests outside this package (the simulator's coordinator checks). */
public final class TeeFixtures {

    private TeeFixtures() {
    }

    /** {@code simulate} mode, the production miner's key, on the given clock. */
    public static TeeQuotes simulate(Clock clock) {
        return new TeeQuotes(TeeMode.SIMULATE, Optional.of(new DerivedKeySigner()), clock);
    }

    /** The production miner's own quote for a job that only sets {@code tee_attestation_required}: its default enclave. */
    public static String productionMinerDefault(String jobId, Clock clock) {
        QuoteEnvelope unsigned = QuoteEnvelope.unsigned(jobId, new QuoteTarget("aitbc-miner-tee", "aitbc-miner-tee"),
                clock.instant());
        QuoteSigner.Signed signed = new DerivedKeySigner().sign(unsigned.enclaveId(), unsigned.signingPayload());
        return unsigned.signed(signed.signature(), signed.publicKey()).wire();
    }
}
