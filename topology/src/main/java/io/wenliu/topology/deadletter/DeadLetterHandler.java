package io.wenliu.topology.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wenliu.serdes.avro.DeadLetter;
import io.wenliu.serdes.avro.OmittedBytes;
import io.wenliu.topology.NodeNames;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
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
 * <p>A dead letter always fits: it carries the original key and value only while together they are
 * at most {@code maxKeptBytes} (the value is left out first, then the key), and each left-out part
 * is replaced by its size and SHA-256; the message is cut to {@value #MAX_MESSAGE_CHARS} characters.
 *
 * <p>One instance per processor instance, created in the processor's {@code init} and bound to its
 * context; used from that task's thread only. Owns nothing that needs closing.
 */
public final class DeadLetterHandler {
    /** Counter of dead letters written, tagged with {@code reason}. */
    public static final String DEAD_LETTERS_METER = "wenliu.dead.letters";
    /** Longest error message a dead letter carries. */
    public static final int MAX_MESSAGE_CHARS = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);

    private final ProcessorContext<byte[], DeadLetter> context;
    private final MeterRegistry registry;
    private final int maxKeptBytes;

    /**
     * @param context      the processor's context; its node must have {@link NodeNames#DEAD_LETTER_SINK}
     *                     as a child
     * @param maxKeptBytes most original key plus value bytes a dead letter carries
     */
    @SuppressWarnings("unchecked") // the dead-letter sink takes byte[] keys and DeadLetter values
    public DeadLetterHandler(ProcessorContext<?, ?> context, MeterRegistry registry, int maxKeptBytes) {
        // A processor forwards documents to one child and dead letters to another; Streams does not
        // type children separately, so the dead-letter view of the context is a cast, made only here.
        this.context = (ProcessorContext<byte[], DeadLetter>) Objects.requireNonNull(context, "context");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.maxKeptBytes = maxKeptBytes;
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
                context.currentSystemTimeMs(), maxKeptBytes);
        LOG.debug("Dead letter for {} (document {}): {} in {}: {}", provenance, documentId, reasonCode, stage, message);
        context.forward(new Record<>(keyOf(letter), letter, provenance.timestamp()), NodeNames.DEAD_LETTER_SINK);
        count(registry, reasonCode);
    }

    /** Counts one dead letter with {@code reasonCode}. */
    public static void count(MeterRegistry registry, String reasonCode) {
        Counter.builder(DEAD_LETTERS_METER).description("Input records written to the dead-letter topic")
                .tag("reason", reasonCode).register(registry).increment();
    }

    /** The record key of a dead letter: the input's key bytes, unless they were left out. */
    public static byte[] keyOf(DeadLetter letter) {
        return letter.getKey() == null ? null : bytes(letter.getKey());
    }

    /**
     * The dead letter for a failure at wall-clock time {@code failedAtMs}, carrying at most
     * {@code maxKeptBytes} of the original key and value.
     */
    public static DeadLetter toDeadLetter(Provenance provenance, String documentId, String stage, String reasonCode,
                                          String message, Throwable cause, long failedAtMs, int maxKeptBytes) {
        byte[] key = provenance.key();
        byte[] value = provenance.value();
        boolean keepKey = length(key) <= maxKeptBytes;
        boolean keepValue = keepKey && length(key) + length(value) <= maxKeptBytes;
        return DeadLetter.newBuilder()
                .setKey(keepKey ? wrap(key) : null)
                .setKeyOmitted(keepKey ? null : omitted(key))
                .setValue(keepValue ? wrap(value) : null)
                .setValueOmitted(keepValue ? null : omitted(value))
                .setDocumentId(documentId)
                .setSourceTopic(provenance.topic())
                .setSourcePartition(provenance.partition())
                .setSourceOffset(provenance.offset())
                .setStage(stage)
                .setReasonCode(reasonCode)
                .setErrorClass(cause == null ? null : cause.getClass().getName())
                .setErrorMessage(message.length() <= MAX_MESSAGE_CHARS ? message
                        : message.substring(0, MAX_MESSAGE_CHARS) + "… (" + message.length() + " characters)")
                .setFailedAt(Instant.ofEpochMilli(failedAtMs))
                .build();
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static OmittedBytes omitted(byte[] bytes) {
        try {
            return new OmittedBytes(bytes.length,
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
