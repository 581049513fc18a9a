package io.wenliu.topology.validate;

import io.micrometer.core.instrument.MeterRegistry;
import io.wenliu.serdes.avro.Document;
import io.wenliu.topology.NodeNames;
import io.wenliu.topology.RecordLimits;
import io.wenliu.topology.deadletter.DeadLetterReason;
import io.wenliu.topology.deadletter.DeadLetterHandler;
import io.wenliu.topology.deadletter.Provenance;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * First node after the source: decodes each raw record and validates its document. Accepted
 * documents go to {@link NodeNames#ENRICH}, keyed by document id, with their provenance; every
 * rejected record goes to {@link NodeNames#DEAD_LETTER_SINK}. Nothing is dropped. A record larger than
 * {@link RecordLimits#maxRecordBytes()} is rejected before it is even decoded.
 *
 * <p>One instance per stream task, used from that task's thread; holds no state and owns nothing
 * that needs closing.
 */
public final class ValidateProcessor extends ContextualProcessor<byte[], byte[], String, ValidatedDocument> {
    private final DocumentDecoder decoder;
    private final DocumentValidator validator;
    private final RecordLimits limits;
    private final MeterRegistry registry;
    private DeadLetterHandler deadLetters;

    public ValidateProcessor(DocumentDecoder decoder, DocumentValidator validator, RecordLimits limits,
                             MeterRegistry registry) {
        this.decoder = decoder;
        this.validator = validator;
        this.limits = limits;
        this.registry = registry;
    }

    @Override
    public void init(ProcessorContext<String, ValidatedDocument> context) {
        super.init(context);
        deadLetters = new DeadLetterHandler(context, registry, limits.maxRecordBytes());
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata metadata = context().recordMetadata().orElseThrow(() -> new IllegalStateException(
                "No record metadata in " + NodeNames.VALIDATE + "; it must be fed directly by a source node"));
        Provenance provenance = new Provenance(metadata.topic(), metadata.partition(), metadata.offset(),
                record.timestamp(), record.key(), record.value());
        long size = length(record.key()) + length(record.value());
        if (size > limits.maxRecordBytes()) { // before decoding: nothing downstream may hold it
            deadLetters.send(provenance, null, DocumentValidator.STAGE, DeadLetterReason.RECORD_TOO_LARGE.code(),
                    "The record is " + size + " bytes (key and value); the limit is " + limits.maxRecordBytes()
                    + " (wenliu.record.max.bytes): split the document or raise the limit", null);
            return;
        }
        Validation decoded = decoder.decode(record.value());
        if (decoded instanceof Validation.Rejected rejected) {
            sendDeadLetter(provenance, null, rejected);
            return;
        }
        Document document = ((Validation.Accepted) decoded).document();
        if (validator.validate(document) instanceof Validation.Rejected rejected) {
            // an invalid id may be huge or unprintable: it stays in the value bytes only
            sendDeadLetter(provenance, rejected.reason() == DeadLetterReason.INVALID_ID ? null : document.getId(),
                    rejected);
            return;
        }
        context().forward(new Record<>(document.getId(), new ValidatedDocument(document, provenance),
                record.timestamp()), NodeNames.ENRICH);
    }

    private static long length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private void sendDeadLetter(Provenance provenance, String documentId, Validation.Rejected rejected) {
        deadLetters.send(provenance, documentId, rejected.stage(), rejected.reason().code(), rejected.message(),
                rejected.cause());
    }
}
