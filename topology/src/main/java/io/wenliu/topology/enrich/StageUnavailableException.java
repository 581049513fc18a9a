package io.wenliu.topology.enrich;

/**
 * A stage cannot run at all (its model was closed, the accelerator or the JVM is out of memory, the
 * native library failed): a systemic failure, not a bad document. The pipeline retries the batch
 * with back-off and, if the stage stays unavailable, lets this escape so that the instance stops
 * without writing any dead letter; under exactly-once the batch is then processed again after a
 * restart, so nothing is lost.
 */
public final class StageUnavailableException extends RuntimeException {
    private final String stage;

    public StageUnavailableException(String stage, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
    }

    /** The stage's name. */
    public String stage() {
        return stage;
    }
}
