package io.wenliu.topology.stages;

import io.wenliu.models.pos.PosTagger;
import io.wenliu.models.segment.Word;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.serdes.avro.ModelVersion;
import io.wenliu.topology.enrich.EnrichmentItem;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills {@code Token.pos} of every token the segmentation stage wrote: one tagger call per
 * micro-batch, decoding constrained to those very tokens, so each token gets exactly one tag and the
 * tags always agree with the reported segmentation. Runs after the segmentation stage; a document
 * without tokens is left as it is.
 *
 * <p>Borrows the factory's {@link PosTagger}; holds nothing of its own to close. Used from one
 * stream thread.
 */
public final class PosStage extends ModelStage {
    /** The stage name in dead letters, metrics and {@code ModelVersion.stage}. */
    public static final String NAME = "pos";

    private final PosTagger tagger;

    PosStage(PosTagger tagger, List<ModelVersion> models) {
        super(NAME, models);
        this.tagger = tagger;
    }

    @Override
    void enrichLive(List<EnrichmentItem> live) throws Exception {
        List<EnrichmentItem> tokenized = live.stream()
                .filter(item -> item.output().getTokens() != null && !item.output().getTokens().isEmpty())
                .toList();
        if (tokenized.isEmpty()) {
            return;
        }
        List<String> texts = new ArrayList<>(tokenized.size());
        List<List<Word>> words = new ArrayList<>(tokenized.size());
        for (EnrichmentItem item : tokenized) {
            texts.add(item.text());
            words.add(OutputFields.words(item.output().getTokens()));
        }
        List<List<String>> tags = tagger.tag(texts, words);
        for (int i = 0; i < tokenized.size(); i++) {
            EnrichedDocument.Builder output = tokenized.get(i).output();
            output.setTokens(OutputFields.withPos(output.getTokens(), tags.get(i)));
        }
    }

}
