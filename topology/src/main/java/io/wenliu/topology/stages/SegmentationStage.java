package io.wenliu.topology.stages;

import io.wenliu.models.segment.Segmenter;
import io.wenliu.models.segment.Word;
import io.wenliu.serdes.avro.ModelVersion;
import io.wenliu.topology.enrich.EnrichmentItem;
import io.wenliu.topology.words.LiveDictionary;
import java.util.List;

/**
 * Fills {@code EnrichedDocument.tokens} with the words of each document: one segmenter call for the
 * whole micro-batch, tokens in text order with UTF-16 offsets into the document's text and
 * {@code pos} left null (the POS stage fills it). Whitespace is never a token. The dictionary is the
 * {@link LiveDictionary} as it stands when the batch starts; each record names its version.
 *
 * <p>Borrows the factory's {@link Segmenter}; holds nothing of its own to close. Used from one
 * stream thread.
 */
public final class SegmentationStage extends ModelStage {
    /** The stage name in dead letters, metrics and {@code ModelVersion.stage}. */
    public static final String NAME = "segmentation";

    private final Segmenter segmenter;
    private final LiveDictionary dictionary;

    SegmentationStage(Segmenter segmenter, LiveDictionary dictionary, List<ModelVersion> models) {
        super(NAME, models);
        this.segmenter = segmenter;
        this.dictionary = dictionary;
    }

    @Override
    void enrichLive(List<EnrichmentItem> live) throws Exception {
        LiveDictionary.Snapshot snapshot = dictionary.snapshot(); // one dictionary per batch, named in each record
        List<List<Word>> words = segmenter.segment(live.stream().map(EnrichmentItem::text).toList(), snapshot.dictionary());
        for (int i = 0; i < live.size(); i++) {
            live.get(i).output().setTokens(OutputFields.tokens(words.get(i))).setDictionaryVersion(snapshot.version());
        }
    }

}
