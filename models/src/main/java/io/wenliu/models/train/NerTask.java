package io.wenliu.models.train;

import io.wenliu.models.data.CharTagCorpus;
import io.wenliu.models.data.CharacterTags;
import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.vocab.LabelSet;
import java.nio.file.Path;
import java.util.List;

/**
 * Named-entity recognition as BIO character tagging. The entity types are fixed per model (PER, LOC,
 * ORG for MSRA); domain models (Weibo, Resume, CLUENER) use their own types.
 */
public final class NerTask implements TaggingTask {
    private final LabelSet labels;

    public NerTask(List<String> entityTypes) {
        this.labels = new LabelSet(CharacterTags.outsideBeginInside(entityTypes));
    }

    /** PER, LOC, ORG: the MSRA (SIGHAN 2006) types. */
    public static NerTask msra() {
        return new NerTask(CharacterTags.MSRA_ENTITY_TYPES);
    }

    @Override
    public String modelName() {
        return "ner-dgcnn-crf";
    }

    @Override
    public String taskName() {
        return "ner";
    }

    @Override
    public String scheme() {
        return "BIO";
    }

    @Override
    public LabelSet labels() {
        return labels;
    }

    @Override
    public List<TaggedSequence> read(Path file) {
        return CharTagCorpus.read(file, labels);
    }

    @Override
    public boolean canCutAfter(int[] tags, int i) {
        return i + 1 >= tags.length || !labels.label(tags[i + 1]).startsWith("I-");
    }

    @Override
    public TagEvaluator evaluator() {
        return new EntityEvaluator(labels);
    }

    @Override
    public String description() {
        return "Named-entity recogniser (" + labels.labels() + "): a BIO character tagger with character and hashed "
                + "character-bigram embeddings, residual gated dilated convolution blocks (DGCNN) and a linear-chain CRF, "
                + "after Su Jianlin's kexue.fm posts on CRF tagging and dilated gated CNNs. Entity confidence at serving "
                + "time is the CRF marginal probability of the span (forward-backward).";
    }
}
