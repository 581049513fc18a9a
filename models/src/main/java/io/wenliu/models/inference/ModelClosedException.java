package io.wenliu.models.inference;

/**
 * A model was called after it was closed: a lifecycle fault of the whole process, never of one
 * input, so callers must not treat it as a bad document.
 */
public final class ModelClosedException extends IllegalStateException {
    public ModelClosedException(String message) {
        super(message);
    }
}
