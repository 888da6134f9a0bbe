package io.aitbc.miner.uploader;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.coordinator.RawJson;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.TeeQuoteAnswered;
import io.aitbc.miner.queue.QueueUnavailableException;
import io.aitbc.miner.queue.RetryQueue;
import io.aitbc.miner.tee.TeeException;
import io.aitbc.miner.tee.TeeQuotes;
import io.quarkus.logging.Log;

/**
 * The upload's TEE part (D42): a fresh quote in the body of every send of a result, never stored in the outbox (it
 * expires in an hour), and the receipt's {@code tee_status} recorded in the job hash, as an event (the meter) and in
 * the log. With quotes off nothing is read from Redis; a status is then recorded only when the coordinator checked a
 * TEE of its own (anything but {@code not_required}).
 */
@ApplicationScoped
class TeeAttachment {

    private static final String NOT_REQUIRED = "not_required";
    private static final String VERIFIED = "verified";

    private final TeeQuotes quotes;
    private final RetryQueue queue;
    private final Event<TeeQuoteAnswered> answered;

    TeeAttachment(TeeQuotes quotes, RetryQueue queue, Event<TeeQuoteAnswered> answered) {
        this.quotes = quotes;
        this.queue = queue;
        this.answered = answered;
    }

    /**
     * What to send now.
     *
     * @param outcome the body to send, with its {@code tee_quote} when one was made
     * @param quoted whether it carries the agent's quote
     */
    record Attested(JobOutcome outcome, boolean quoted) {
    }

    /** The outcome with a quote made now, when quotes are on and the job asks for one; a key failure is logged. */
    Attested attach(String jobId, JobOutcome outcome) {
        if (!quotes.enabled() || outcome.report() != JobOutcome.Report.RESULT) {
            return new Attested(outcome, false);
        }
        Optional<String> quote;
        try {
            quote = quotes.quoteFor(jobId, queue.constraints(jobId));
        } catch (TeeException e) {
            Log.errorf("No TEE quote for job %s (%s): the result goes without one, the coordinator may make its own",
                    jobId, e.getMessage());
            answered.fire(new TeeQuoteAnswered(jobId, TeeQuoteAnswered.QUOTE_ERROR, false));
            return new Attested(outcome, false);
        }
        if (quote.isEmpty()) {
            return new Attested(outcome, false);
        }
        ObjectNode body = outcome.body().deepCopy();
        body.put("tee_quote", quote.get());
        return new Attested(new JobOutcome(outcome.report(), outcome.errorCode(), body), true);
    }

    /** Records the receipt's {@code tee_status} for a sent result, when there is anything to say. */
    void settled(String jobId, Attested sent, Optional<String> receipt) {
        Optional<String> status = receipt.flatMap(json -> RawJson.stringMember(json, "tee_status"));
        if (!sent.quoted() && status.filter(s -> !NOT_REQUIRED.equals(s)).isEmpty()) {
            return;
        }
        String recorded = status.orElse(TeeQuoteAnswered.NO_RECEIPT);
        if (VERIFIED.equals(recorded) || NOT_REQUIRED.equals(recorded)) {
            Log.infof("TEE status of job %s: %s (%s quote)", jobId, recorded, sent.quoted() ? "our" : "the coordinator's");
        } else {
            Log.warnf("TEE status of job %s: %s; an escrowed job is FAILED and refunded by the coordinator, not resent",
                    jobId, recorded);
        }
        try {
            queue.recordTeeStatus(jobId, recorded, TeeQuoteAnswered.label(recorded));
        } catch (QueueUnavailableException e) {
            Log.warnf("TEE status of job %s not kept in Redis: %s", jobId, e.getMessage());
        }
        answered.fire(new TeeQuoteAnswered(jobId, recorded, sent.quoted()));
    }
}
