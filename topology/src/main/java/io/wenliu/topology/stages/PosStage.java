package io.wenliu.topology.stages;

import io.wenliu.models.pos.PosTagger;
import io.wenliu.models.segment.Word;
import io.wenliu.serdes.avro.ModelVersion;
import io.wenliu.serdes.avro.Token;
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
            words.add(item.output().getTokens().stream().map(t -> new Word(t.getText(), t.getStart(), t.getEnd())).toList());
        }
        List<List<String>> tags = tagger.tag(texts, words);
        for (int i = 0; i < tokenized.size(); i++) {
            List<Token> tokens = tokenized.get(i).output().getTokens();
            List<String> pos = tags.get(i);
            List<Token> tagged = new ArrayList<>(tokens.size());
            for (int k = 0; k < tokens.size(); k++) {
                Token t = tokens.get(k);
                tagged.add(new Token(t.getText(), t.getStart(), t.getEnd(), pos.get(k)));
            }
            tokenized.get(i).output().setTokens(tagged);
        }
    }

}
