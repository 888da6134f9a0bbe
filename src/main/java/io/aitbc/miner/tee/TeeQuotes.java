package io.aitbc.miner.tee;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * Makes the TEE quote of a job's result (D42), asked for at upload time and again at every re-upload, because a quote
 * expires an hour after it is made. The key is set up at start-up, so a bad key file or token stops the agent with
 * exit status 2 before any job runs. The agent runs in no enclave: even {@code key} mode only proves which key the
 * operator holds, and says so in the log.
 */
@Startup
@ApplicationScoped
public class TeeQuotes {

    private final TeeMode mode;
    private final Optional<QuoteSigner> signer;
    private final Clock clock;

    @Inject
    TeeQuotes(TeeConfig config) {
        this(config.mode(), signer(config), Clock.systemUTC());
    }

    TeeQuotes(TeeMode mode, Optional<QuoteSigner> signer, Clock clock) {
        this.mode = mode;
        this.signer = signer;
        this.clock = clock;
        signer.ifPresent(s -> Log.infof("TEE quotes (%s) signed with %s; the agent runs in no enclave",
                mode.name().toLowerCase(Locale.ROOT), s.describe()));
    }

    /** Whether the agent signs quotes at all; when not, nothing about TEE is read at upload. */
    public boolean enabled() {
        return signer.isPresent();
    }

    /**
     * The {@code tee_quote} for a job's result: empty when quotes are off, when the job asks for none, or when no quote
     * could pass the coordinator's checks (§3.3: a quote bound to fail costs the miner the job, a missing one does not).
     *
     * @throws TeeException when the key cannot sign now
     */
    public Optional<String> quoteFor(String jobId, JsonNode constraints) {
        if (signer.isEmpty() || !QuoteTarget.requested(constraints)) {
            return Optional.empty();
        }
        Optional<QuoteTarget> target = QuoteTarget.of(constraints);
        if (target.isEmpty()) {
            Log.warnf("Job %s names an enclave and a different measurement: no quote can pass, none is sent", jobId);
            return Optional.empty();
        }
        QuoteEnvelope unsigned = QuoteEnvelope.unsigned(jobId, target.get(), clock.instant());
        QuoteSigner.Signed signed = signer.get().sign(unsigned.enclaveId(), unsigned.signingPayload());
        return Optional.of(unsigned.signed(signed.signature(), signed.publicKey()).wire());
    }

    /** The configured signer; {@link TeeConfig#problems} made sure {@code key} mode has exactly one key source. */
    private static Optional<QuoteSigner> signer(TeeConfig config) {
        return switch (config.mode()) {
            case OFF -> Optional.empty();
            case SIMULATE -> {
                Log.warn("MINER_TEE_MODE=simulate: quotes use the production miner's key, derived from the public "
                        + "enclave id; anyone can forge them");
                yield Optional.of(new DerivedKeySigner());
            }
            case KEY -> Optional.of(config.keyFile().isPresent() ? new KeyFileSigner(config.keyFile().get())
                    : new Pkcs11Signer(config.pkcs11()));
        };
    }
}
