package io.wenliu.models.train;

import io.wenliu.models.data.BmesEncoder;
import io.wenliu.models.data.SegmentedCorpus;
import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.vocab.LabelSet;
import java.nio.file.Path;
import java.util.List;

/** Word segmentation as B/M/E/S character tagging, from any segmented corpus format. */
public final class SegmentationTask implements TaggingTask {
    private static final LabelSet LABELS = new LabelSet(BmesEncoder.LABELS);

    @Override
    public String modelName() {
        return "segmenter-dgcnn-crf";
    }

    @Override
    public String taskName() {
        return "segmentation";
    }

    @Override
    public String scheme() {
        return "BMES";
    }

    @Override
    public LabelSet labels() {
        return LABELS;
    }

    @Override
    public List<TaggedSequence> read(Path file) {
        return SegmentedCorpus.read(file).stream().map(s -> BmesEncoder.encode(s.words()))
                .filter(s -> s.length() > 0).toList();
    }

    @Override
    public boolean canCutAfter(int[] tags, int i) {
        return tags[i] == BmesEncoder.E || tags[i] == BmesEncoder.S;
    }

    @Override
    public TagEvaluator evaluator() {
        return new SegmentationEvaluator();
    }

    @Override
    public String description() {
        return "Chinese word segmenter: a character tagger (B/M/E/S) with character and hashed character-bigram "
                + "embeddings, residual gated dilated convolution blocks (DGCNN) and a linear-chain CRF. Design after "
                + "Su Jianlin's kexue.fm posts on CNN+CRF segmentation and dilated gated CNNs.";
    }
}
