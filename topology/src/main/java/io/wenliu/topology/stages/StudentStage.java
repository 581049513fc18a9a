package io.wenliu.topology.stages;

import io.wenliu.models.inference.StudentModel;
import io.wenliu.models.inference.StudentOutput;
import io.wenliu.models.ner.EntityDecoder;
import io.wenliu.models.ner.EntityRecognizer;
import io.wenliu.models.ner.NamedEntity;
import io.wenliu.models.pos.PosDecoder;
import io.wenliu.models.pos.PosTagger;
import io.wenliu.models.segment.SegmentationDecoder;
import io.wenliu.models.segment.Word;
import io.wenliu.models.sentiment.SentimentPrediction;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.serdes.avro.ModelVersion;
import io.wenliu.serdes.avro.Token;
import io.wenliu.topology.deadletter.DeadLetterReason;
import io.wenliu.topology.enrich.EnrichmentItem;
import io.wenliu.topology.words.LiveDictionary;
import java.util.List;
import java.util.Set;

/**
 * The one model stage of a student deployment: one pass of the {@link StudentModel} per micro-batch (one network
 * call per padded length), then the chosen heads' cheap post-processing per document, filling exactly what the
 * single-task stages of those {@link ModelTask}s fill: tokens (segmentation head, with the {@link LiveDictionary} as
 * it stands when the batch starts, its version on each record), their parts of speech (POS head, decoding
 * constrained to those tokens), entities (NER head), sentiment (the sigmoid of the length-weighted logit) and the
 * document embedding. A head not chosen is neither decoded nor written: its fields stay null.
 *
 * <p>The model's failures are the batch's ({@link ModelStage#enrich}: a systemic one stops the service, any other
 * is retried document by document). Decoding is per document: a document whose heads cannot be decoded is failed
 * with {@link DeadLetterReason#STAGE_FAILED} and the others of the batch go on; a document owed an embedding but
 * left without characters once whitespace and invisible characters are dropped is failed with
 * {@link DeadLetterReason#EMPTY_TEXT}.
 *
 * <p>Borrows the factory's model, decoders and dictionary; holds nothing of its own to close. Used from one
 * stream thread.
 */
public final class StudentStage extends ModelStage {
    /** The stage name in dead letters and metrics; {@code ModelVersion.stage} names the heads as the single-task stages. */
    public static final String NAME = "student";

    private final StudentModel model;
    private final Set<ModelTask> heads;
    private final SegmentationDecoder segmentation;
    private final PosDecoder pos;
    private final EntityDecoder ner;
    private final LiveDictionary dictionary;

    StudentStage(StudentModel model, Set<ModelTask> heads, SegmentationDecoder segmentation, PosDecoder pos,
                 EntityDecoder ner, LiveDictionary dictionary, List<ModelVersion> models) {
        super(NAME, models);
        this.model = model;
        this.heads = heads;
        this.segmentation = segmentation;
        this.pos = pos;
        this.ner = ner;
        this.dictionary = dictionary;
    }

    @Override
    void enrichLive(List<EnrichmentItem> live) throws Exception {
        LiveDictionary.Snapshot snapshot = dictionary.snapshot(); // one dictionary per batch, named in each record
        List<StudentOutput> outputs = model.run(live.stream().map(EnrichmentItem::text).toList());
        for (int i = 0; i < live.size(); i++) {
            EnrichmentItem item = live.get(i);
            StudentOutput output = outputs.get(i);
            if (heads.contains(ModelTask.SIMILARITY) && output.embedding() == null) {
                item.fail(NAME, DeadLetterReason.EMPTY_TEXT.code(), "No characters are left once whitespace and "
                        + "invisible characters are dropped, so the document has no embedding", null);
                continue;
            }
            List<Token> tokens = null;
            List<NamedEntity> entities = null;
            try {
                if (heads.contains(ModelTask.SEGMENTATION)) {
                    List<Word> words = segmentation.decode(List.of(output.segmentation()), snapshot.dictionary()).get(0);
                    tokens = OutputFields.tokens(words);
                    if (heads.contains(ModelTask.POS)) {
                        tokens = OutputFields.withPos(tokens,
                                pos.tag(List.of(output.pos()), List.of(words), PosTagger.Decoding.CONSTRAINED).get(0));
                    }
                }
                if (heads.contains(ModelTask.NER)) {
                    entities = ner.decode(List.of(output.ner()), EntityRecognizer.DEFAULT_DECODING).get(0).entities();
                }
            } catch (RuntimeException e) { // the scores of this document only; the model ran for the whole batch
                item.fail(NAME, DeadLetterReason.STAGE_FAILED.code(), "The student's scores of this document could not be "
                        + "decoded: " + e, e);
                continue;
            }
            EnrichedDocument.Builder out = item.output();
            if (tokens != null) {
                out.setTokens(tokens).setDictionaryVersion(snapshot.version());
            }
            if (entities != null) {
                out.setEntities(OutputFields.entities(entities));
            }
            if (heads.contains(ModelTask.SENTIMENT)) {
                out.setSentiment(OutputFields.sentiment(SentimentPrediction.ofLogit(output.sentimentLogit(), output.pieces())));
            }
            if (heads.contains(ModelTask.SIMILARITY)) {
                out.setEmbedding(OutputFields.embedding(output.embedding()));
            }
        }
    }
}
