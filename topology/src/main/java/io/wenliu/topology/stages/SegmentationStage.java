package io.wenliu.topology.stages;

import io.wenliu.models.segment.Segmenter;
import io.wenliu.models.segment.Word;
import io.wenliu.serdes.avro.ModelVersion;
import io.wenliu.serdes.avro.Token;
import io.wenliu.topology.enrich.EnrichmentItem;
import io.wenliu.topology.enrich.EnrichmentStage;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills {@code EnrichedDocument.tokens} with the words of each document: one segmenter call for the
 * whole micro-batch, tokens in text order with UTF-16 offsets into the document's text and
 * {@code pos} left null (the POS stage fills it). Whitespace is never a token.
 *
 * <p>Borrows the factory's {@link Segmenter}; holds nothing of its own to close. Used from one
 * stream thread.
 */
public final class SegmentationStage implements EnrichmentStage {
    /** The stage name in dead letters, metrics and {@code ModelVersion.stage}. */
    public static final String NAME = "segmentation";

    private final Segmenter segmenter;
    private final List<ModelVersion> models;

    SegmentationStage(Segmenter segmenter, List<ModelVersion> models) {
        this.segmenter = segmenter;
        this.models = models;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ModelVersion> models() {
        return models;
    }

    @Override
    public void enrich(List<EnrichmentItem> batch) throws Exception {
        List<EnrichmentItem> live = batch.stream().filter(item -> !item.isFailed()).toList();
        List<List<Word>> words = segmenter.segment(live.stream().map(EnrichmentItem::text).toList());
        for (int i = 0; i < live.size(); i++) {
            List<Token> tokens = new ArrayList<>(words.get(i).size());
            for (Word word : words.get(i)) {
                tokens.add(new Token(word.text(), word.start(), word.end(), null));
            }
            live.get(i).output().setTokens(tokens);
        }
    }

    @Override
    public void close() {
        // the segmenter belongs to the factory
    }
}
