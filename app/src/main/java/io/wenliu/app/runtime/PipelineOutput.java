package io.wenliu.app.runtime;

import io.wenliu.serdes.avro.DeadLetter;
import io.wenliu.serdes.avro.EnrichedDocument;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;

/**
 * One record read from Wenliu's output: an enriched document or a dead letter, with the key of the
 * input record it answers (the document id for enriched records; a dead letter's original key,
 * which may be null).
 */
public sealed interface PipelineOutput {

    /** The key of the input record this output answers, as UTF-8 text; null if it had none. */
    String inputKey();

    /**
     * The input record this output answers, {@code <topic>-<partition>@<offset>}: unique even when
     * document ids repeat, so outputs can be counted exactly per input record. Null for an enriched
     * record written without Wenliu's {@code wenliu.source} header (by a version before it).
     */
    String source();

    /** The Avro record itself. */
    SpecificRecord record();

    /** Where it was read. */
    String topic();

    int partition();

    long offset();

    /** An {@code EnrichedDocument}. */
    record Enriched(String inputKey, String source, EnrichedDocument record, String topic, int partition,
                    long offset) implements PipelineOutput {
    }

    /** A {@code DeadLetter}. */
    record DeadLettered(String inputKey, DeadLetter record, String topic, int partition, long offset)
            implements PipelineOutput {

        @Override
        public String source() {
            return record.getSourceTopic() + "-" + record.getSourcePartition() + "@" + record.getSourceOffset();
        }

        static String originalKey(DeadLetter letter) {
            ByteBuffer key = letter.getKey();
            if (key == null) {
                return null;
            }
            ByteBuffer copy = key.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
