package io.wenliu.models.inference;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Reusable DJL predictors for one model. A DJL {@link Predictor} is not thread-safe, so each call
 * borrows one for its duration: concurrent callers get one each (created on demand, so there are
 * never more than the peak number of concurrent calls), and a returned predictor serves the next
 * call instead of being rebuilt.
 *
 * <p>Owns its predictors and closes them in {@link #close()} (idempotent); a predictor still borrowed
 * at that moment is closed when it comes back. Thread-safe.
 */
public final class PredictorPool<I, O> implements AutoCloseable {
    private final Supplier<Predictor<I, O>> factory;
    private final ConcurrentLinkedDeque<Predictor<I, O>> idle = new ConcurrentLinkedDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** @param factory makes a new predictor (typically {@code model::newPredictor}) */
    public PredictorPool(Supplier<Predictor<I, O>> factory) {
        this.factory = factory;
    }

    /** Runs {@code input} through a borrowed predictor. */
    public O predict(I input) throws TranslateException {
        if (closed.get()) {
            throw new ModelClosedException("The predictor pool is closed: the model was closed while still in use");
        }
        Predictor<I, O> predictor = idle.pollFirst();
        if (predictor == null) {
            predictor = factory.get();
        }
        try {
            return predictor.predict(input);
        } finally {
            idle.addFirst(predictor);
            if (closed.get()) {
                drain(); // close() ran while this call was in flight
            }
        }
    }

    /** Number of predictors waiting for a call (for tests and metrics). */
    public int idleCount() {
        return idle.size();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            drain();
        }
    }

    private void drain() {
        List<RuntimeException> failures = new ArrayList<>();
        Predictor<I, O> predictor;
        while ((predictor = idle.pollFirst()) != null) {
            try {
                predictor.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException("Could not close " + failures.size() + " predictor(s)");
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }
}
