package io.aitbc.miner.inference;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** How a backend's caller waits for its stream: the job's thread blocks; an interrupt cancels the stream first. */
public final class StreamResults {

    private StreamResults() {
    }

    /**
     * Waits for a stream's result.
     *
     * @param result completes with the generation, or exceptionally with an {@link InferenceException}
     * @param cancel resets the stream (the server stops generating); run when the thread is interrupted
     * @throws InferenceException the stream's failure
     * @throws InterruptedException when the calling thread is interrupted, after {@code cancel} ran
     */
    public static <T> T await(CompletableFuture<T> result, Runnable cancel)
            throws InferenceException, InterruptedException {
        try {
            return result.get();
        } catch (InterruptedException e) {
            cancel.run();
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InferenceException failure) {
                throw failure;
            }
            throw new IllegalStateException("generation failed unexpectedly", e.getCause());
        }
    }
}
