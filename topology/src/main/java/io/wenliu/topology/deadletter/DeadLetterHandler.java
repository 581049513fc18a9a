package io.wenliu.topology.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wenliu.serdes.avro.DeadLetter;
import io.wenliu.topology.NodeNames;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a record-level failure into a {@link DeadLetter} on the dead-letter sink, keyed by the
 * input record's original key bytes, with its provenance, its original value bytes and a reason.
 * Counts dead letters by reason ({@value #DEAD_LETTERS_METER}, tag {@code reason}).
 *
 * <p>One instance per processor instance, created in the processor's {@code init} and bound to its
 * context; used from that task's thread only. Owns nothing that needs closing.
 */
public final class DeadLetterHandler {
    /** Counter of dead letters written, tagged with {@code reason}. */
    public static final String DEAD_LETTERS_METER = "wenliu.dead.letters";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);

    private final ProcessorContext<byte[], DeadLetter> context;
    private final MeterRegistry registry;

    /**
     * @param context the processor's context; its node must have {@link NodeNames#DEAD_LETTER_SINK}
     *                as a child
     */
    @SuppressWarnings("unchecked") // the dead-letter sink takes byte[] keys and DeadLetter values
    public DeadLetterHandler(ProcessorContext<?, ?> context, MeterRegistry registry) {
        // A processor forwards documents to one child and dead letters to another; Streams does not
        // type children separately, so the dead-letter view of the context is a cast, made only here.
        this.context = (ProcessorContext<byte[], DeadLetter>) Objects.requireNonNull(context, "context");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Writes a dead letter for the record at {@code provenance}.
     *
     * @param documentId the document id when the value could be read, else null
     * @param stage      {@code deserialize}, {@code validate} or an enrichment stage's name
     * @param reasonCode a {@link DeadLetterReason#code()} or a stage's own documented code
     * @param message    what was wrong, with the offending value or position
     * @param cause      the exception behind the failure, or null
     */
    public void send(Provenance provenance, String documentId, String stage, String reasonCode, String message,
                     Throwable cause) {
        DeadLetter letter = toDeadLetter(provenance, documentId, stage, reasonCode, message, cause,
                context.currentSystemTimeMs());
        LOG.debug("Dead letter for {} (document {}): {} in {}: {}", provenance, documentId, reasonCode, stage, message);
        context.forward(new Record<>(provenance.key(), letter, provenance.timestamp()), NodeNames.DEAD_LETTER_SINK);
        Counter.builder(DEAD_LETTERS_METER).description("Input records written to the dead-letter topic")
                .tag("reason", reasonCode).register(registry).increment();
    }

    /** The dead letter for a failure at wall-clock time {@code failedAtMs}. */
    public static DeadLetter toDeadLetter(Provenance provenance, String documentId, String stage, String reasonCode,
                                          String message, Throwable cause, long failedAtMs) {
        return DeadLetter.newBuilder()
                .setKey(wrap(provenance.key()))
                .setValue(wrap(provenance.value()))
                .setDocumentId(documentId)
                .setSourceTopic(provenance.topic())
                .setSourcePartition(provenance.partition())
                .setSourceOffset(provenance.offset())
                .setStage(stage)
                .setReasonCode(reasonCode)
                .setErrorClass(cause == null ? null : cause.getClass().getName())
                .setErrorMessage(message)
                .setFailedAt(Instant.ofEpochMilli(failedAtMs))
                .build();
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }
}
