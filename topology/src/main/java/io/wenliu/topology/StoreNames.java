package io.wenliu.topology;

/** Names of {@link WenliuTopology}'s state stores; each has a changelog topic {@code <application.id>-<name>-changelog}. */
public final class StoreNames {
    /** Validated documents waiting for their micro-batch, in arrival order. */
    public static final String BATCH_BUFFER = "batch-buffer";

    private StoreNames() {
    }
}
